include "qelib1.inc";
qreg q[2];
u3(0.1,0.2,0.3) q[0];
cu(1,2,3,4) q[0],q[1];
rxx(0.5) q[0],q[1];
