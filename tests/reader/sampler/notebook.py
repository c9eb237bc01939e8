"""A small notebook page for the sampler site: Markdown, code, and the output kinds labs show."""

import json


def _code(source, outputs):
    return {"cell_type": "code", "metadata": {}, "source": source, "outputs": outputs, "execution_count": 1}


NOTEBOOK = {
    "cells": [
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": "# A notebook page\n\nProse with a [link](../features/#code-blocks), `inline code` and $x^2$.\n\n"
            "## A section\n\n- a list\n- with **bold**\n",
        },
        _code(
            'import numpy as np  # a comment\n\n\ndef f(x):\n    """Square."""\n    return x**2 + 1.5\n\n\nprint(f(np.arange(3)), None, True, "text")',
            [{"output_type": "stream", "name": "stdout", "text": "[1.5 2.5 5.5] None True text\n"}],
        ),
        _code(
            "f(2)",
            [{"output_type": "execute_result", "execution_count": 2, "metadata": {}, "data": {"text/plain": "5.5"}}],
        ),
        _code(
            "import warnings\nwarnings.warn('a warning')",
            [{"output_type": "stream", "name": "stderr", "text": "UserWarning: a warning\n"}],
        ),
        _code(
            "table",
            [
                {
                    "output_type": "execute_result",
                    "execution_count": 4,
                    "metadata": {},
                    "data": {
                        "text/plain": "   epoch  loss\n0      1  0.50",
                        "text/html": "<table><thead><tr><th>epoch</th><th>loss</th></tr></thead>"
                        "<tbody><tr><td>1</td><td>0.50</td></tr></tbody></table>",
                    },
                }
            ],
        ),
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def notebook_json() -> str:
    return json.dumps(NOTEBOOK, indent=1)
