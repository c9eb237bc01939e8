"""MkDocs hooks (mkdocs.yml `hooks:`): thin forwarders to quizfence.site.

MkDocs imports this file by path, so the logic and its state live in the installed
package, where the superfences formatter can reach them too.
"""

from quizfence.site import on_config, on_files, on_nav, on_page_content, on_page_markdown

__all__ = ["on_config", "on_files", "on_nav", "on_page_markdown", "on_page_content"]
