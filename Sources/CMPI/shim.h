// Open MPI's C API (Debian's libopenmpi-dev, pkg-config `ompi-c`).
//
// Open MPI defines its predefined handles (MPI_COMM_WORLD, MPI_DOUBLE, MPI_MAX, ...) as macros
// that take the address of external symbols, which Swift cannot import; these inline functions
// return them.
#ifndef QOMPRESS_CMPI_SHIM_H
#define QOMPRESS_CMPI_SHIM_H

#include <mpi.h>

static inline MPI_Comm cmpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Comm cmpi_comm_null(void) { return MPI_COMM_NULL; }
static inline MPI_Datatype cmpi_double(void) { return MPI_DOUBLE; }
static inline MPI_Datatype cmpi_byte(void) { return MPI_BYTE; }
static inline MPI_Datatype cmpi_int64(void) { return MPI_INT64_T; }
static inline MPI_Op cmpi_op_max(void) { return MPI_MAX; }
static inline MPI_Errhandler cmpi_errors_return(void) { return MPI_ERRORS_RETURN; }
static inline int cmpi_success(void) { return MPI_SUCCESS; }
static inline int cmpi_max_error_string(void) { return MPI_MAX_ERROR_STRING; }
static inline int cmpi_thread_serialized(void) { return MPI_THREAD_SERIALIZED; }

#endif
