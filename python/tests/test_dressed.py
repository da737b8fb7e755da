"""The dressed circuit's batched forward pass and VJP against an independent numpy simulation
and finite differences, on both backends; bad shapes and values raise with the library's message."""
import numpy as np
import pytest

import qompress


def reference(x, w, scaling="tanh"):
    """⟨Z_i⟩ of the dressed circuit by a dense numpy simulation (qubit q is bit q of an index)."""
    batch, n = x.shape
    theta = np.pi / 2 * np.tanh(x) if scaling == "tanh" else x
    hadamard = np.array([[1, 1], [1, -1]]) / np.sqrt(2)

    def ry(angle):
        c, s = np.cos(angle / 2), np.sin(angle / 2)
        return np.array([[c, -s], [s, c]])

    def one(state, gate, q):
        axis = n - 1 - q
        return np.moveaxis(np.tensordot(gate, state, axes=([1], [axis])), 0, axis)

    def cnot(state, c, t):
        state = state.copy()
        index = [slice(None)] * n
        index[n - 1 - c] = 1
        sub = state[tuple(index)]
        target_axis = (n - 1 - t) - (1 if (n - 1 - t) > (n - 1 - c) else 0)
        state[tuple(index)] = np.flip(sub, axis=target_axis)
        return state

    out = np.empty((batch, n))
    for s in range(batch):
        state = np.zeros((2,) * n)
        state[(0,) * n] = 1.0
        for q in range(n):
            state = one(state, hadamard, q)
        for q in range(n):
            state = one(state, ry(theta[s, q]), q)
        for layer in range(w.shape[0]):
            for q in range(0, n - 1, 2):
                state = cnot(state, q, q + 1)
            for q in range(1, n - 1, 2):
                state = cnot(state, q, q + 1)
            for q in range(n):
                state = one(state, ry(w[layer, q]), q)
        probabilities = (state ** 2).reshape(-1)
        indices = np.arange(2 ** n)
        for q in range(n):
            out[s, q] = np.sum(probabilities * (1 - 2 * ((indices >> q) & 1)))
    return out


@pytest.fixture
def batch():
    rng = np.random.default_rng(5)
    return rng.normal(size=(6, 5)), rng.uniform(-np.pi, np.pi, size=(3, 5))


@pytest.mark.parametrize("backend", ["statevector", "mps"])
@pytest.mark.parametrize("scaling", ["tanh", "none"])
def test_forward_equals_numpy_reference(batch, backend, scaling):
    x, w = batch
    z = qompress.dressed_forward(x, w, backend=backend, scaling=scaling)
    assert z.shape == (6, 5) and z.dtype == np.float64
    np.testing.assert_allclose(z, reference(x, w, scaling), atol=1e-12)


def test_single_vector_and_no_layers(batch):
    x, w = batch
    np.testing.assert_allclose(qompress.dressed_forward(x[2], w), qompress.dressed_forward(x, w)[2], atol=0)
    empty = np.zeros((0, 5))
    np.testing.assert_allclose(qompress.dressed_forward(x, empty), reference(x, empty), atol=1e-12)


def test_other_layouts_give_the_same_values(batch):
    x, w = batch
    expected = qompress.dressed_forward(x, w)
    np.testing.assert_array_equal(qompress.dressed_forward(np.asfortranarray(x), w), expected)
    np.testing.assert_array_equal(qompress.dressed_forward(x.tolist(), w.tolist()), expected)
    np.testing.assert_array_equal(qompress.dressed_forward(np.ascontiguousarray(x[:, ::-1])[:, ::-1], w), expected)


@pytest.mark.parametrize("backend,chi", [("statevector", None), ("mps", None), ("mps", 64)])
def test_vjp_equals_finite_differences(batch, backend, chi):
    x, w = batch
    g = np.random.default_rng(9).normal(size=(6, 5))
    z, gx, gw = qompress.dressed_vjp(x, w, g, backend=backend, chi=chi)
    np.testing.assert_array_equal(z, qompress.dressed_forward(x, w, backend=backend, chi=chi))
    assert gx.shape == x.shape and gw.shape == w.shape

    def loss(xx, ww):
        return float(np.sum(qompress.dressed_forward(xx, ww, backend=backend, chi=chi) * g))

    h = 1e-6
    for index in [(0, 0), (3, 2), (5, 4)]:
        plus, minus = x.copy(), x.copy()
        plus[index] += h
        minus[index] -= h
        assert abs((loss(plus, w) - loss(minus, w)) / (2 * h) - gx[index]) < 1e-7
    for index in np.ndindex(*w.shape):
        plus, minus = w.copy(), w.copy()
        plus[index] += h
        minus[index] -= h
        assert abs((loss(x, plus) - loss(x, minus)) / (2 * h) - gw[index]) < 1e-7


def test_single_vector_vjp(batch):
    x, w = batch
    g = np.ones(5)
    z, gx, gw = qompress.dressed_vjp(x[1], w, g)
    z2, gx2, gw2 = qompress.dressed_vjp(x[1:2], w, g[None, :])
    np.testing.assert_array_equal(z, z2[0])
    np.testing.assert_array_equal(gx, gx2[0])
    np.testing.assert_array_equal(gw, gw2)


@pytest.mark.parametrize("make,message", [
    (lambda x, w: (x[:, :4], w), "the inputs have 4 columns, the dressed circuit of 5 qubits reads 5"),
    (lambda x, w: (np.where(x > 1, np.nan, x), w), "every value must be finite"),
    (lambda x, w: (x, np.full_like(w, np.inf)), "every weight must be finite"),
    (lambda x, w: (x[None], w), "inputs must be a 1-D or 2-D array"),
    (lambda x, w: (x, w.reshape(-1)), "weights (layers × qubits) must be a 2-D array"),
])
def test_bad_shapes_and_values(batch, make, message):
    x, w = make(*batch)
    with pytest.raises(qompress.QompressError) as error:
        qompress.dressed_forward(x, w)
    assert message in str(error.value)


def test_bad_upstream_and_options(batch):
    x, w = batch
    with pytest.raises(qompress.QompressError, match=r"the upstream gradient has 25 values, the outputs 6 × 5 = 30"):
        qompress.dressed_vjp(x, w, np.ones((5, 5)))
    with pytest.raises(qompress.QompressError, match="the upstream gradient: element 3 is nan"):
        qompress.dressed_vjp(x, w, np.where(np.arange(30).reshape(6, 5) == 3, np.nan, 1.0))
    with pytest.raises(qompress.QompressError, match='unknown backend "gpu"'):
        qompress.dressed_forward(x, w, backend="gpu")
    with pytest.raises(qompress.QompressError, match="chi must be at least 1, got 0"):
        qompress.dressed_forward(x, w, backend="mps", chi=0)
    with pytest.raises(qompress.QompressError, match="scaling must be"):
        qompress.dressed_forward(x, w, scaling="sigmoid")
    with pytest.raises(qompress.QompressError, match="takes at most .* qubits, got 40|a state of 40 qubits needs"):
        qompress.dressed_forward(np.zeros((1, 40)), np.zeros((1, 40)))


def test_empty_batch(batch):
    _, w = batch
    assert qompress.dressed_forward(np.zeros((0, 5)), w).shape == (0, 5)
    z, gx, gw = qompress.dressed_vjp(np.zeros((0, 5)), w, np.zeros((0, 5)))
    assert z.shape == (0, 5) and gx.shape == (0, 5)
    np.testing.assert_array_equal(gw, np.zeros_like(w))


def test_concurrent_calls_from_threads_equal_sequential_ones(batch):
    from concurrent.futures import ThreadPoolExecutor
    x, w = batch
    jobs = [(x + k, w, backend) for k in range(8) for backend in ("statevector", "mps")]
    expected = [qompress.dressed_forward(a, b, backend=c) for a, b, c in jobs]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda job: qompress.dressed_forward(job[0], job[1], backend=job[2]), jobs))
    for got, want in zip(results, expected):
        np.testing.assert_array_equal(got, want)
