OPENQASM 2.0;
include "qelib1.inc";
gate g(t) a,b { rz(t) a; cx a,b; }
qreg q[3];
creg c[3];
h q;
g(pi/3) q[0],q[2];
ccx q[0],q[1],q[2];
measure q -> c;
