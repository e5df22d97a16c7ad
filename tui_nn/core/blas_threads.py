"""Importing this keeps BLAS single-threaded unless the user chose otherwise.

tui-nn's matrices are tiny (8 x 10,000 at most), so a second BLAS thread only doubles CPU time,
and a lab server runs one process per student. It must be imported before NumPy is.
"""

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
