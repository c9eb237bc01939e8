"""Loaded by every pytest run here, including `pytest --codeblocks docs`.

pytest-codeblocks reports a failing fence with the message only. Add where it
failed on the page and the exception type: `docs/page.md:LINE: ValueError: ...`.
"""

import traceback


def _with_location(item):
    plain_report = item.repr_failure

    def report(excinfo):
        text = plain_report(excinfo)
        cause = excinfo.value.__context__  # pytest-codeblocks re-raises as RuntimeError
        if cause is None:
            return text
        code = item.obj.code.splitlines()
        frames = [f for f in traceback.extract_tb(cause.__traceback__) if f.filename == "<string>"]
        lines = [
            f"{item.path.relative_to(item.config.rootpath)}:{item.obj.lineno + f.lineno}: {code[f.lineno - 1].strip()}"
            for f in frames
            if 0 < f.lineno <= len(code)
        ]
        return "\n".join([text, "", *lines, f"{type(cause).__name__}: {cause}"])

    return report


def pytest_collection_modifyitems(items):
    for item in items:
        if type(item).__name__ == "TestBlock":  # pytest-codeblocks' item for one fence
            item.repr_failure = _with_location(item)
