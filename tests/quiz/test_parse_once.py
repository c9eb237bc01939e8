"""Each quiz is parsed once per build, by the hooks; the formatter and the review page reuse it."""

from mkdocs.commands.build import build
from mkdocs.config import load_config

from quizfence import catalog, superfences_formatter
from tests.mkdocs_builds import write_site

QUIZ = "```quiz\nid: {id}\ntype: truefalse\ndifficulty: easy\nquestion: Q?\nanswer: true\nexplanation: E.\n```\n"
PAGES = {
    "index.md": "# Home\n\n" + QUIZ.format(id="top"),
    "chapter.md": (
        "# Chapter\n\n!!! note\n\n"
        + "".join("    " + line + "\n" for line in QUIZ.format(id="in-a-note").splitlines())
        + '\n=== "Tab"\n\n'
        + "".join("    " + line + "\n" for line in QUIZ.format(id="in-a-tab").splitlines())
    ),
    "quizzes/review.md": "# Review\n\n<!-- quizfence:review -->\n",
    "quizzes/progress.md": "# Progress\n\n<!-- quizfence:progress -->\n",
}


def test_build_parses_each_quiz_once(tmp_path, monkeypatch):
    calls = {"catalog": 0, "formatter": 0}

    def counting(name, parse):
        def parse_and_count(source):
            calls[name] += 1
            return parse(source)

        return parse_and_count

    monkeypatch.setattr(catalog, "parse_quiz", counting("catalog", catalog.parse_quiz))
    monkeypatch.setattr(superfences_formatter, "parse_quiz", counting("formatter", superfences_formatter.parse_quiz))
    config = load_config(str(write_site(tmp_path, PAGES)), site_dir=str(tmp_path / "site"))
    build(config)
    assert calls == {"catalog": 3, "formatter": 0}
    review = (tmp_path / "site/quizzes/review/index.html").read_text(encoding="utf-8")
    assert review.count('class="quiz"') == 3  # rendered from the catalog too
