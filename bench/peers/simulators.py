"""W1-W4 on PennyLane, Qiskit Aer and quimb (see peer.py). Imported after the thread variables are set."""
import numpy as np

from common import angles, batch_angles, cnot_ladder, dressed_gates, reference_z, time_median


# ----------------------------------------------------------------------------------- PennyLane
def pennylane_circuit(qml, x, w, n):
    for q in range(n):
        qml.Hadamard(wires=q)
    for q in range(n):
        qml.RY(x[..., q], wires=q)
    for l in range(len(w)):
        for c, t in cnot_ladder(n):
            qml.CNOT(wires=[c, t])
        for q in range(n):
            qml.RY(w[l, q], wires=q)


def pennylane_device(qml, backend, n):
    return qml.device("lightning.qubit" if backend.startswith("lightning") else "default.qubit", wires=n)


# -------------------------------------------------------------------------------------- Qiskit
def qiskit_forward(n, chi=None):
    from qiskit import QuantumCircuit
    from qiskit.quantum_info import Pauli
    from qiskit_aer import AerSimulator
    sim = (AerSimulator(method="matrix_product_state", matrix_product_state_max_bond_dimension=chi)
           if chi else AerSimulator(method="statevector"))

    def forward(x, w):
        qc = QuantumCircuit(n)
        for name, qs, t in dressed_gates(x, w):
            if name == "ry":
                qc.ry(float(t), qs[0])
            else:
                getattr(qc, name)(*qs)  # qc.h(q), qc.cx(c, t)
        for q in range(n):
            qc.save_expectation_value(Pauli("Z"), [q], label=f"z{q}")
        data = sim.run(qc, shots=None).result().data(0)
        return np.array([float(np.real(data[f"z{q}"])) for q in range(n)])

    return forward


# --------------------------------------------------------------------------------------- quimb
def quimb_mps_forward(n, chi, cutoff):
    import quimb as qu
    import quimb.tensor as qtn
    z = qu.pauli("Z")

    def forward(x, w):
        circuit = qtn.CircuitMPS(n, max_bond=chi, cutoff=cutoff)
        for name, qs, t in dressed_gates(x, w):
            if name == "ry":
                circuit.apply_gate("RY", float(t), *qs)
            else:
                circuit.apply_gate({"h": "H", "cx": "CNOT"}[name], *qs)
        return np.array([float(np.real(circuit.local_expectation(z, q))) for q in range(n)])

    return forward


# ---------------------------------------------------------------------------------- workloads
def w1_w2(a, rec):
    n, layers = a.qubits, a.layers
    x, w = angles(n, layers, a.seed, a.angles_dir)
    if a.workload == "W2":
        rec.update(chi=a.chi, cutoff=a.cutoff if a.backend == "quimb-mps" else None)
    if a.backend in ("lightning", "default"):
        import pennylane as qml
        dev = pennylane_device(qml, a.backend, n)

        @qml.qnode(dev)
        def circuit(x, w):
            pennylane_circuit(qml, x, w, n)
            return [qml.expval(qml.Z(q)) for q in range(n)]

        forward = lambda x, w: np.asarray(circuit(x, w))
    elif a.backend in ("aer", "aer-mps"):
        forward = qiskit_forward(n, a.chi if a.backend == "aer-mps" else None)
    else:
        forward = quimb_mps_forward(n, a.chi, a.cutoff)
    median, runs, z = time_median(lambda: forward(x, w), a.repeats, a.budget)
    rec.update(median_s=median, runs=runs, z=[float(v) for v in z])
    if n <= 16:
        rec["max_dz_vs_numpy"] = float(np.max(np.abs(z - reference_z(x, w))))


def w3(a, rec):
    import pennylane as qml
    from pennylane import numpy as pnp
    n, layers = a.qubits, a.layers
    dev = pennylane_device(qml, a.backend, n)
    observable = qml.sum(*[qml.Z(q) for q in range(n)])

    @qml.qnode(dev, diff_method="adjoint" if a.backend == "lightning-adjoint" else "backprop")
    def cost(x, w):
        pennylane_circuit(qml, x, w, n)
        return qml.expval(observable)

    x0, w0 = angles(n, layers, a.seed, a.angles_dir)
    x, w = pnp.array(x0, requires_grad=True), pnp.array(w0, requires_grad=True)
    grad = qml.grad(cost, argnums=[0, 1])
    median, runs, (gx, gw) = time_median(lambda: grad(x, w), a.repeats, a.budget)
    rec.update(parameters=n + n * layers, median_s=median, runs=runs, value=float(cost(x, w)),
               gradient_checksum=float(np.sum(gx) + np.sum(gw)))


def w4(a, rec):
    import pennylane as qml
    n, layers, batch = a.qubits, a.layers, a.batch
    X, w = batch_angles(n, layers, batch, a.seed)
    dev = pennylane_device(qml, a.backend, n)

    @qml.qnode(dev)
    def circuit(x, w):
        pennylane_circuit(qml, x, w, n)
        return [qml.expval(qml.Z(q)) for q in range(n)]

    median, runs, z = time_median(lambda: np.stack(circuit(X, w), axis=-1), a.repeats, a.budget)
    z = np.asarray(z)
    rec.update(batch=batch, forward_s=median, runs=runs, forward_samples_per_s=batch / median,
               sum_z=float(z.sum()),
               max_dz_vs_numpy=float(max(np.max(np.abs(z[b] - reference_z(X[b], w))) for b in range(4))))
