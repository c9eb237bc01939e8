"""Chapter pages as notebooks (written next)."""


def write_all(check=False):
    raise NotImplementedError
