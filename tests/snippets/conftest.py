"""Snippet tests run in both Keras processes (see the Makefile), like the fences that include them."""

import functools
import importlib.util
import sys

import pytest

from tests.mkdocs_builds import SNIPPETS


@functools.cache
def import_snippet(name: str):
    """snippets/<name> as a module, without running its __main__ block; imported once per run."""
    path = SNIPPETS / name
    module_name = "snippet_" + name.removesuffix(".py").replace("/", "_")
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def load_snippet():
    return import_snippet
