"""Name the page and line of a missing snippet.

pymdownx.snippets (check_paths: true) already stops the build on a missing
file, but its error names only the snippet. This hook runs first and says
where the include is.
"""

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}\s+["']([^"']+)["']\s*$""")


def on_page_markdown(markdown, page, config, files):
    snippets = config["mdx_configs"]["pymdownx.snippets"]["base_path"]
    for number, line in enumerate(markdown.splitlines(), start=1):
        match = INCLUDE.match(line)
        if match and not any((Path(base) / match.group(1)).is_file() for base in snippets):
            raise PluginError(
                f"docs/{page.file.src_path}:{number}: snippet {match.group(1)!r} not found in {', '.join(snippets)}/"
            )
    return markdown
