# Renders the CSV files of `qompress scaling` into the figures of Docs/Scaling.md.
#
#     swift run -c release qompress scaling --output Docs/data
#     gnuplot Scripts/plot_scaling.gp          # run from the package root
#
# Needs gnuplot with the pngcairo terminal (Debian: apt-get install gnuplot-nox).

set datafile separator ","
set datafile missing ""
set terminal pngcairo size 1000,620 enhanced font "DejaVu Sans,11"
set key top left box opaque
set grid
Q = "Docs/data/scaling_qubits.csv"
X = "Docs/data/scaling_chi.csv"
MiB = 1048576.0
# Select one series: the value of column c when workload = w and backend = b, else no point.
pick(w, b, c) = (strcol(1) eq w && strcol(2) eq b) ? column(c) : NaN

set style line 1 lc rgb "#1f77b4" lw 2 pt 7 ps 1.1
set style line 2 lc rgb "#d62728" lw 2 pt 5 ps 1.1
set style line 3 lc rgb "#2ca02c" lw 2 pt 9 ps 1.3
set style line 4 lc rgb "#1f77b4" lw 2 pt 6 ps 1.1 dt 2
set style line 5 lc rgb "#d62728" lw 2 pt 4 ps 1.1 dt 2
set style line 6 lc rgb "#2ca02c" lw 2 pt 8 ps 1.3 dt 2

set output "Docs/figures/scaling_time.png"
set title "Time to build the register, run the circuit and read all ⟨Z_i⟩ (median, release build, 2 cores)"
set xlabel "qubits"
set ylabel "seconds"
set logscale xy 2
set logscale y 10
set format y "10^{%L}"
plot Q using 3:(pick("dressed","statevector",6)) with linespoints ls 1 title "dressed, statevector", \
     Q using 3:(pick("brickwork","statevector",6)) with linespoints ls 2 title "brickwork, statevector", \
     Q using 3:(pick("ghz","statevector",6)) with linespoints ls 3 title "GHZ, statevector", \
     Q using 3:(pick("dressed","mps",6)) with linespoints ls 4 title "dressed, MPS χ≤64", \
     Q using 3:(pick("brickwork","mps",6)) with linespoints ls 5 title "brickwork, MPS χ≤64", \
     Q using 3:(pick("ghz","mps",6)) with linespoints ls 6 title "GHZ, MPS χ≤64"

set output "Docs/figures/scaling_memory.png"
set title "Peak resident set of the process that ran one point (VmHWM)"
set ylabel "MiB"
set format y "%g"
set yrange [15:2000]
set key below horizontal maxcols 4
plot Q using 3:(pick("dressed","statevector",8)/MiB) with linespoints ls 1 title "dressed, statevector", \
     Q using 3:(pick("brickwork","statevector",8)/MiB) with linespoints ls 2 title "brickwork, statevector", \
     Q using 3:(pick("ghz","statevector",8)/MiB) with linespoints ls 3 title "GHZ, statevector", \
     Q using 3:(pick("dressed","mps",8)/MiB) with linespoints ls 4 title "dressed, MPS χ≤64", \
     Q using 3:(pick("brickwork","mps",8)/MiB) with linespoints ls 5 title "brickwork, MPS χ≤64", \
     Q using 3:(pick("ghz","mps",8)/MiB) with linespoints ls 6 title "GHZ, MPS χ≤64", \
     Q using 3:((pick("ghz","statevector",9) + pick("ghz","statevector",10))/MiB) with lines lc rgb "gray" lw 1 dt 3 title "start-up RSS + 16·2^n bytes (the amplitudes)"

set terminal pngcairo size 1500,480 enhanced font "DejaVu Sans,11"
set output "Docs/figures/scaling_chi.png"
unset title
set autoscale y
set key default
set tmargin 3
set multiplot layout 1,3 title "MPS versus χ_{max} (16 qubits, depth 12; exact fidelity from the statevector)"
set xlabel "χ_{max}"
set logscale x 2
unset logscale y
set ylabel "fidelity"
set yrange [0:1.45]
set ytics 0,0.2,1
set key top left
plot X using 5:(pick("dressed","mps",12)) with linespoints ls 1 title "dressed, estimate Π(1−ε)", \
     X using 5:(pick("dressed","mps",14)) with linespoints ls 4 title "dressed, exact |⟨ψ|φ⟩|^2", \
     X using 5:(pick("brickwork","mps",12)) with linespoints ls 2 title "brickwork, estimate", \
     X using 5:(pick("brickwork","mps",14)) with linespoints ls 5 title "brickwork, exact"
set autoscale y
set ytics auto
set logscale y 10
set format y "10^{%L}"
set ylabel "total discarded weight Σε"
set key top right
plot X using 5:(pick("dressed","mps",13) > 0 ? pick("dressed","mps",13) : NaN) with linespoints ls 1 title "dressed", \
     X using 5:(pick("brickwork","mps",13) > 0 ? pick("brickwork","mps",13) : NaN) with linespoints ls 2 title "brickwork"
set ylabel "seconds"
set key top left
plot X using 5:(pick("dressed","mps",6)) with linespoints ls 1 title "dressed", \
     X using 5:(pick("brickwork","mps",6)) with linespoints ls 2 title "brickwork"
unset multiplot
