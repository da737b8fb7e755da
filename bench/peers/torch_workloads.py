"""W5 and W6 in PyTorch (see peer.py). Imported after the thread variables are set.

W5: one training epoch of Linear(512 -> q) -> tanh * pi/2 -> the dressed circuit as a
    qml.qnn.TorchLayer (q = 8, L = 6) -> Linear(q -> 512); L1 reconstruction loss, Adam 1e-3,
    batch 32, N L2-normalised Gaussian samples. The first batch is a warm-up; the epoch stops
    after --max-seconds of timed batches; samples_per_s = timed samples / timed seconds
    (what `qompress bench-train` reports).
W6: the quantum-inspired projection head (Kankeu et al. 2025, arXiv:2501.04591) d -> d/3 in
    complex64 tensors, as `qompress head bench` measures it: embeddings per second of the
    forward pass (no grad) and of forward + backward of the paired fidelity loss
    mean(1 - F(h(q_i), h(p_i))) over a batch whose second half are noisy copies of the first.
"""
import math
import time

import numpy as np
import torch

from common import time_median


def w5(a, rec):
    import pennylane as qml
    from simulators import pennylane_circuit

    torch.set_num_threads(a.threads)
    q, layers, batch, dim = a.qubits, a.layers, a.batch, 512
    rng = np.random.default_rng(a.seed)
    data = rng.standard_normal((a.samples, dim))
    data = torch.from_numpy((data / np.linalg.norm(data, axis=1, keepdims=True)).astype(np.float32))
    torch.manual_seed(a.seed)
    device = qml.device("default.qubit" if a.backend == "default-backprop" else "lightning.qubit", wires=q)

    @qml.qnode(device, interface="torch", diff_method="backprop" if a.backend == "default-backprop" else "adjoint")
    def circuit(inputs, weights):
        pennylane_circuit(qml, inputs, weights, q)
        return [qml.expval(qml.Z(i)) for i in range(q)]

    class Squash(torch.nn.Module):
        def forward(self, z):
            return torch.tanh(z) * (math.pi / 2)

    model = torch.nn.Sequential(torch.nn.Linear(dim, q), Squash(),
                                qml.qnn.TorchLayer(circuit, {"weights": (layers, q)}), torch.nn.Linear(q, dim))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.L1Loss()
    order = torch.randperm(a.samples, generator=torch.Generator().manual_seed(a.seed))
    batches = [order[i:i + batch] for i in range(0, a.samples - batch + 1, batch)]

    def step(index):
        x = data[index]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), x)
        loss.backward()
        optimizer.step()
        return float(loss.detach())

    step(batches[0])  # warm-up
    done, seconds, losses = 0, 0.0, []
    for index in batches[1:]:
        t0 = time.perf_counter()
        losses.append(step(index))
        seconds += time.perf_counter() - t0
        done += len(index)
        if seconds >= a.max_seconds:
            break
    rec.update(samples=a.samples, batch=batch, timed_samples=done, seconds=seconds,
               samples_per_s=done / seconds, mean_l1=float(np.mean(losses)))


def zyz(t):
    """Raw parameters (..., 4) -> (..., 2, 2) gates e^{ia} RZ(b) RY(g) RZ(c), angles (tanh t + 1) 2pi."""
    a, b, g, c = ((torch.tanh(t) + 1) * (2 * math.pi)).unbind(-1)
    cos, sin = torch.cos(g / 2), torch.sin(g / 2)

    def polar(r, phase):
        return torch.complex(r * torch.cos(phase), r * torch.sin(phase))

    return torch.stack([torch.stack([polar(cos, a - (b + c) / 2), polar(-sin, a - (b - c) / 2)], -1),
                        torch.stack([polar(sin, a + (b - c) / 2), polar(cos, a + (b + c) / 2)], -1)], -2)


def apply(u, s):
    """Gates u (m, 2, 2) on qubits s = (s0, s1), each (B, m)."""
    return u[:, 0, 0] * s[0] + u[:, 0, 1] * s[1], u[:, 1, 0] * s[0] + u[:, 1, 1] * s[1]


def fold(ua, ub, uc, target, control):
    """U_a on the target, U_b on the control, controlled-U_c, then the target's marginal amplitudes."""
    a, b = apply(ua, target), apply(ub, control)
    c = apply(uc, a)
    pb0, pb1 = b[0].abs() ** 2, b[1].abs() ** 2
    p0 = pb0 * a[0].abs() ** 2 + pb1 * c[0].abs() ** 2
    p1 = pb0 * a[1].abs() ** 2 + pb1 * c[1].abs() ** 2
    return (torch.complex(p0.clamp_min(1e-20).sqrt(), torch.zeros_like(p0)),
            torch.complex(p1.clamp_min(1e-20).sqrt(), torch.zeros_like(p1)))


def head(t, x):
    """x (B, d) -> d/3 output qubits: C folds into B, then B' into A (6 modules of d/3 gates)."""
    theta = (math.pi / 2) * (torch.tanh(x) + 1)
    s0 = torch.complex(torch.cos(theta / 2), torch.zeros_like(theta))
    s1 = torch.complex(-torch.sin(theta / 2), torch.zeros_like(theta))  # e^{i pi} sin(theta / 2)
    m = x.shape[1] // 3
    part = lambda k: (s0[:, k * m:(k + 1) * m], s1[:, k * m:(k + 1) * m])
    g = zyz(t)
    b = fold(g[0], g[1], g[2], part(1), part(2))
    return fold(g[4], g[3], g[5], part(0), b)


def log_fidelity(p, q):
    overlap = p[0].conj() * q[0] + p[1].conj() * q[1]
    return torch.log(overlap.abs() ** 2).sum(-1)


def w6(a, rec):
    torch.set_num_threads(a.threads)
    d, batch = a.dim, a.batch
    if d % 3 or batch % 2:
        raise ValueError("--dim must be divisible by 3 and --batch even")
    t = torch.nn.Parameter(torch.randn(6, d // 3, 4, generator=torch.Generator().manual_seed(a.seed)))
    rng = np.random.default_rng(a.seed + 1)
    x = rng.standard_normal((batch, d))
    h = batch // 2
    x[h:] = x[:h] + 0.1 * rng.standard_normal((h, d)) / math.sqrt(d)
    x = torch.from_numpy((x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32))

    def forward():
        with torch.no_grad():
            return head(t, x)

    def forward_backward():
        t.grad = None
        s = head(t, x)
        loss = (1 - torch.exp(log_fidelity((s[0][:h], s[1][:h]), (s[0][h:], s[1][h:])))).mean()
        loss.backward()
        return float(loss.detach())

    f, runs, out = time_median(forward, a.repeats, a.budget, warmup=2)
    fb, _, loss = time_median(forward_backward, a.repeats, a.budget, warmup=2)
    norm = (out[0].abs() ** 2 + out[1].abs() ** 2 - 1).abs().max()
    rec.update(dim=d, batch=batch, dtype="complex64", n_params=t.numel(), runs=runs,
               forward_eps=batch / f, fwd_bwd_eps=batch / fb, loss=loss, max_norm_error=float(norm))
