"""Keep notebook pages free of third-party requests.

mkdocs-jupyter 0.26.3 writes an empty MathJax loader (`<script src="">`,
which re-requests the page) and an inline module that imports mermaid from
cdnjs when a diagram is present. The site uses neither: drop both.
"""

import re

EMPTY_MATHJAX = re.compile(r'<!-- Load mathjax -->\s*<script src="">\s*</script>')
CDN_MERMAID = re.compile(
    r'<script type="module">(?:(?!</script>).)*?cdnjs\.cloudflare\.com(?:(?!</script>).)*</script>', re.S
)


def on_post_page(output, page, config):
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    output = EMPTY_MATHJAX.sub("", output)
    return CDN_MERMAID.sub("", output)
