// Ripple-carry adder (Cuccaro et al.): b := a + b on four-bit registers, carry out in cout.
// Inputs a = 5 (a[0], a[2] set) and b = 6 (b[1], b[2] set); the sum 11 is read from b and cout.
OPENQASM 2.0;
include "qelib1.inc";
gate majority a, b, c { cx c, b; cx c, a; ccx a, b, c; }
gate unmajority a, b, c { ccx a, b, c; cx c, a; cx a, b; }
qreg cin[1];
qreg a[4];
qreg b[4];
qreg cout[1];
creg sum[5];
x a[0];
x a[2];
x b[1];
x b[2];
majority cin[0], b[0], a[0];
majority a[0], b[1], a[1];
majority a[1], b[2], a[2];
majority a[2], b[3], a[3];
cx a[3], cout[0];
unmajority a[2], b[3], a[3];
unmajority a[1], b[2], a[2];
unmajority a[0], b[1], a[1];
unmajority cin[0], b[0], a[0];
measure b[0] -> sum[0];
measure b[1] -> sum[1];
measure b[2] -> sum[2];
measure b[3] -> sum[3];
measure cout[0] -> sum[4];
