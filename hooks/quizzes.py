"""Quizzes in the build: validated with file:line, rendered from one parse, and the
review and progress pages. The logic and its state live in quizfence.mkdocs_build,
where the superfences formatter reads them too."""

from quizfence.mkdocs_build import (
    on_config,
    on_files,
    on_nav,
    on_page_content,
    on_page_markdown,
    on_post_build,
)

__all__ = ["on_config", "on_files", "on_nav", "on_page_markdown", "on_page_content", "on_post_build"]
