"""Each figure's data, recomputed by its code now, is what the committed JSON holds.

This is the staleness check of README, "A figure": change the code so that it would plot
other numbers, and this fails until `make figures` redraws. It compares data, not pixels.
"""

import pytest

import figures

DECLARED = figures.declarations()


@pytest.mark.parametrize("declaration", DECLARED, ids=[d.name for d in DECLARED])
def test_committed_data_is_what_the_code_computes(declaration):
    committed = figures.stored(declaration)["data"]
    differences = figures.differences(committed, figures.compute(declaration))
    assert not differences, (
        f"docs/assets/figures/{declaration.name}.json is stale: snippets/{declaration.source} now computes other "
        "numbers; run `make figures` and review the diff\n" + "\n".join(differences[:10])
    )
