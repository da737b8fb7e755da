"""The PyTorch example of Docs/Python.md, run as written (skipped without torch)."""
import re

import numpy as np
import pytest

from conftest import REPOSITORY

torch = pytest.importorskip("torch")


def example():
    text = (REPOSITORY / "Docs" / "Python.md").read_text()
    code = re.search(r"<!-- torch-example -->\n```python\n(.*?)```", text, re.S).group(1)
    namespace = {}
    exec(compile(code, "Docs/Python.md", "exec"), namespace)
    return namespace


def test_gradcheck_and_a_training_step():
    namespace = example()
    DressedCircuit, DressedLayer = namespace["DressedCircuit"], namespace["DressedLayer"]
    torch.manual_seed(0)
    x = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)
    w = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(DressedCircuit.apply, (x, w), eps=1e-6, atol=1e-6)
    layer = DressedLayer(3, 2)
    optimizer = torch.optim.SGD(layer.parameters(), lr=0.5)
    target = torch.tensor([1.0, -1.0, 1.0], dtype=torch.float64)
    losses = []
    for _ in range(20):
        optimizer.zero_grad()
        loss = ((layer(x.detach()) - target) ** 2).mean()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < losses[0]
