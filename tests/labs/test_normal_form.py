"""The normal form masks only what varies from run to run, and the comparison says what changed."""

import nbformat

from nbtools import normal_form

SVG = """<svg>
 <metadata>
  <dc:date>2026-11-23T20:23:02</dc:date>
 </metadata>
 <path id="m3a9f1c2b7d" d="M 0 0 L 10.25 20.5"/>
 <use xlink:href="#m3a9f1c2b7d" x="40.248580"/>
 <clipPath id="p6df653180e"><rect x="30.1" width="223.2"/></clipPath>
 <g clip-path="url(#p6df653180e)"/>
 <image id="imagedb672a3398" xlink:href="data:image/png;base64,AAAA"/>
</svg>"""


def stream(text, name="stdout"):
    return nbformat.v4.new_output("stream", name=name, text=text)


def svg_output(svg):
    return nbformat.v4.new_output("display_data", data={"image/svg+xml": svg, "text/plain": "<Figure>"})


def test_svg_loses_its_date_and_random_ids():
    svg = normal_form.canonical_svg(SVG)
    assert "metadata" not in svg and "2026" not in svg
    assert 'id="m0000000001"' in svg and 'href="#m0000000001"' in svg
    assert 'id="p0000000002"' in svg and "url(#p0000000002)" in svg
    assert 'id="image0000000003"' in svg
    assert normal_form.canonical_svg(SVG.replace("3a9f1c2b7d", "0123456789")) == svg


def test_carriage_returns_leave_the_last_state_of_a_line():
    assert normal_form.resolve_carriage_returns("step 1/3\rstep 2/3\rstep 3/3\ndone\n") == "step 3/3\ndone\n"
    assert normal_form.resolve_carriage_returns("long line\rshort") == "shortline"


def test_streams_merge_and_runtime_log_lines_go():
    outputs = normal_form.canonical_outputs(
        [
            stream("a\n"),
            stream("b\n"),
            stream(
                "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
                "I0000 00:00:1795465984.889841   30854 cudart_stub.cc:31] Could not find cuda drivers.\n",
                "stderr",
            ),
            stream("UserWarning: kept\n", "stderr"),
        ]
    )
    assert [(o.name, o.text) for o in outputs] == [("stdout", "a\nb\n"), ("stderr", "UserWarning: kept\n")]


def test_text_must_match_exactly():
    assert normal_form.output_differences([stream("w = 3.003\n")], [stream("w = 3.003\n")]) == []
    assert normal_form.output_differences([stream("w = 3.003\n")], [stream("w = 3.004\n")])
    assert normal_form.output_differences([stream("x\n")], [stream("x\n"), stream("y\n")])


def test_figures_may_move_by_less_than_half_a_point():
    shown = [svg_output('<path d="M 10.25 20.5"/>')]
    assert normal_form.output_differences(shown, [svg_output('<path d="M 10.5 20.4"/>')]) == []
    assert normal_form.output_differences(shown, [svg_output('<path d="M 11.25 20.5"/>')])
    assert normal_form.output_differences(shown, [svg_output('<path d="M 10.25 20.5"/><text>new</text>')])


def test_download_cells_keep_no_outputs_unless_from_a_real_data_run():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("load()", metadata={"tags": ["needs-download"]})
    cell.outputs = [stream("from the data\n")]
    nb.cells.append(cell)
    nb.metadata["real_data_run"] = {"date": "2026-01-01"}
    assert normal_form.canonical(nb).cells[0].outputs == []
    assert "real_data_run" not in normal_form.canonical(nb).metadata
    assert normal_form.canonical(nb, real_data=True).cells[0].outputs[0].text == "from the data\n"
    assert normal_form.canonical(nb, real_data=True).metadata["real_data_run"] == {"date": "2026-01-01"}


def test_a_real_data_run_keeps_every_output_and_records_itself(tmp_path, capsys):
    """What `make labs-real-data` does in the Pages workflow, on a lab whose download cell needs no internet."""
    from nbtools.__main__ import labs_real_data

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("print('offline')"),
        nbformat.v4.new_code_cell("print('from the data')", metadata={"tags": ["needs-download"]}),
    ]
    path = tmp_path / "lab.ipynb"
    path.write_text(normal_form.dumps(nb), encoding="utf-8")
    assert labs_real_data([path]) == 0
    ran = nbformat.read(path, as_version=4)
    assert [c.outputs[0].text for c in ran.cells] == ["offline\n", "from the data\n"]
    assert set(ran.metadata["real_data_run"]) == {"date", "tensorflow", "tensorflow_datasets", "seconds"}
    assert "ran on the real data" in capsys.readouterr().out
