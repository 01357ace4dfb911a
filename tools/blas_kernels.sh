#!/usr/bin/env bash
# Runs the tests that promise the same numbers on any thread count once under every OpenBLAS kernel this
# CPU can execute (OPENBLAS_CORETYPE picks the kernel in Debian's DYNAMIC_ARCH build), and names the ones it
# skips and why. A kernel whose instructions the CPU lacks would die of SIGILL, so each is run only where
# /proc/cpuinfo lists every flag it needs.
#   tools/blas_kernels.sh 'TEST FILTER' [swift test options...]
set -euo pipefail
filter=$1; shift
flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
# kernel: the flags its sgemm needs
kernels=(
  "Prescott:pni"
  "Nehalem:ssse3 sse4_1 sse4_2"
  "Sandybridge:avx"
  "Haswell:avx2 fma"
  "Zen:avx2 fma"
  "SkylakeX:avx512f avx512dq avx512bw avx512vl avx512cd"
  "Cooperlake:avx512f avx512dq avx512bw avx512vl avx512cd avx512_bf16"
)
ran=() skipped=()
for entry in "${kernels[@]}"; do
  kernel=${entry%%:*} missing=()
  for flag in ${entry#*:}; do [[ $flags == *" $flag "* ]] || missing+=("$flag"); done
  if ((${#missing[@]})); then skipped+=("$kernel (no ${missing[*]})"); continue; fi
  echo "== OPENBLAS_CORETYPE=$kernel"
  OPENBLAS_CORETYPE=$kernel swift test "$@" --filter "$filter"
  ran+=("$kernel")
done
echo "BLAS kernels tested: ${ran[*]}"
((${#skipped[@]} == 0)) || echo "BLAS kernels skipped, which this CPU cannot run: $(IFS=,; echo "${skipped[*]}")"
