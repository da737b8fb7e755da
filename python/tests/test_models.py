"""`ACQUAModel.embed` and `Head.encode` against `qompress acqua embed` and `qompress head encode`
on checkpoints the CLI trained."""
import numpy as np
import pytest

import qompress


@pytest.mark.parametrize("name", ["acqua", "acqua-mps"])
@pytest.mark.parametrize("modality", ["image", "text"])
def test_acqua_embed_equals_the_cli(run_cli, checkpoints, tmp_path, name, modality):
    x = np.random.default_rng(3).normal(size=(7, 512))
    np.save(tmp_path / "x.npy", x)
    code, out, err = run_cli("acqua", "embed", "--checkpoint", checkpoints[name], "--input", tmp_path / "x.npy",
                             "--modality", modality, "--output", tmp_path / "z.npy", "--dtype", "f8")
    assert code == 0, err
    with qompress.ACQUAModel.load(checkpoints[name]) as model:
        assert (model.input_size, model.output_size) == (512, 3)
        z = model.embed(x, modality)
    np.testing.assert_array_equal(z, np.load(tmp_path / "z.npy"))
    np.testing.assert_array_equal(qompress.acqua_embed(checkpoints[name], x, modality), z)


@pytest.mark.parametrize("name,width", [("head", 2), ("head-classical", 2)])
def test_head_encode_equals_the_cli(run_cli, checkpoints, tmp_path, name, width):
    x = np.random.default_rng(4).normal(size=(9, 3))
    np.save(tmp_path / "x.npy", x)
    code, out, err = run_cli("head", "encode", "--checkpoint", checkpoints[name], "--input", tmp_path / "x.npy",
                             "--output", tmp_path / "y.npy")
    assert code == 0, err
    y = qompress.head_encode(checkpoints[name], x)
    assert y.shape == (9, width)
    np.testing.assert_array_equal(y, np.load(tmp_path / "y.npy"))


def test_bad_models_and_inputs(checkpoints, tmp_path):
    with pytest.raises(qompress.QompressError, match="no such file") as error:
        qompress.Head.load(tmp_path / "missing.json")
    assert error.value.code == 4
    with pytest.raises(qompress.QompressError) as error:
        qompress.ACQUAModel.load(checkpoints["head"])     # a head is not an ACQUA model
    assert error.value.code == 4 and "ACQUA" in str(error.value)
    model = qompress.ACQUAModel.load(checkpoints["acqua"])
    with pytest.raises(qompress.QompressError, match="the inputs have 511 columns, the model reads 512"):
        model.embed(np.zeros((2, 511)), "image")
    with pytest.raises(qompress.QompressError, match="modality must be image or text, got audio"):
        model.embed(np.zeros((2, 512)), "audio")
    with pytest.raises(qompress.QompressError, match="every value must be finite"):
        model.embed(np.full((2, 512), np.nan), "image")
    assert model.embed(np.zeros((0, 512)), "text").shape == (0, 3)
    model.close()
    with pytest.raises(qompress.QompressError, match="closed"):
        model.embed(np.zeros((1, 512)), "text")


def test_one_model_from_several_threads(checkpoints):
    from concurrent.futures import ThreadPoolExecutor
    rng = np.random.default_rng(8)
    inputs = [rng.normal(size=(5, 512)) for _ in range(12)]
    with qompress.ACQUAModel.load(checkpoints["acqua"]) as model:
        expected = [model.embed(x, "image") for x in inputs]
        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(lambda x: model.embed(x, "image"), inputs))
    for got, want in zip(results, expected):
        np.testing.assert_array_equal(got, want)
