/* qompress.h — the C ABI of libQompressC (the `QompressC` product of the Swift package).
 *
 * Conventions: every function that can fail returns a status code (0 on success, see
 * QOMPRESS_*), writes a NUL-terminated UTF-8 message of at most `message_capacity` bytes to
 * `message` on failure, and never traps on bad arguments (null pointers, negative or
 * mismatched sizes, NaN, unknown names are reported as codes). Arrays are row-major doubles
 * given as a pointer and an element count; outputs are caller-allocated. A pointer may be null
 * only when its count is 0. Functions may be called from several threads at once; a loaded
 * model serves one call at a time. */
#ifndef QOMPRESS_H
#define QOMPRESS_H
#include <stdint.h>

#define QOMPRESS_ABI_VERSION 2

enum {
    QOMPRESS_OK = 0,
    QOMPRESS_INVALID_ARGUMENT = 1,
    QOMPRESS_PARSE_ERROR = 2,      /* malformed OpenQASM (message "LINE:COLUMN: …") */
    QOMPRESS_SIMULATION_ERROR = 3,
    QOMPRESS_MODEL_ERROR = 4,      /* checkpoint cannot be read or does not fit */
    QOMPRESS_INVALID_HANDLE = 5,
    QOMPRESS_INTERNAL_ERROR = 99
};

int32_t qompress_abi_version(void);
void qompress_free_string(char *text);

/* Backends are chosen by registry name ("statevector", "mps") as the CLI's --backend, --chi,
 * --cutoff: chi_mode 0 = the backend's default χ_max, 1 = chi (≥ 1), 2 = no limit; has_cutoff
 * = 0 = the default cutoff. χ and cutoff are refused for a backend that does not truncate. */

/* Runs an OpenQASM 2.0 program; *result receives a JSON object (free with
 * qompress_free_string) with the keys of `qompress run --json` except "file".
 * shots = 0 draws none; probabilities: 0 no, 1 yes, 2 when at most 24 qubits are reported. */
int32_t qompress_run_qasm(const char *source, int64_t source_length,
                          const char *backend, int32_t chi_mode, int64_t chi,
                          int32_t has_cutoff, double cutoff,
                          const char *const *observables, int64_t observable_count,
                          int64_t shots, uint64_t seed, int32_t probabilities,
                          char **result, char *message, int64_t message_capacity);

/* The dressed circuit (n qubits, L layers) over a batch: inputs batch × n, weights L × n,
 * scaling 1 for θ = π/2·tanh(x), 0 for θ = x; outputs <Z_i>, batch × n. threads 0 = all cores. */
int32_t qompress_dressed_forward(const char *backend, int32_t chi_mode, int64_t chi,
                                 int32_t has_cutoff, double cutoff,
                                 int64_t qubits, int64_t layers, int32_t scaling,
                                 const double *inputs, int64_t batch, int64_t input_width,
                                 const double *weights, int64_t weight_count,
                                 double *expectations, int64_t expectation_count,
                                 int64_t threads, char *message, int64_t message_capacity);

/* Forward values and vector–Jacobian products: upstream batch × n; input gradients batch × n
 * (through the scaling); weight gradient L × n, summed over the batch. */
int32_t qompress_dressed_vjp(const char *backend, int32_t chi_mode, int64_t chi,
                             int32_t has_cutoff, double cutoff,
                             int64_t qubits, int64_t layers, int32_t scaling,
                             const double *inputs, int64_t batch, int64_t input_width,
                             const double *weights, int64_t weight_count,
                             const double *upstream, int64_t upstream_count,
                             double *expectations, int64_t expectation_count,
                             double *input_gradients, int64_t input_gradient_count,
                             double *weight_gradient, int64_t weight_gradient_count,
                             int64_t threads, char *message, int64_t message_capacity);

/* Trained models by handle: load, ask the shape, encode batches, free. */
int32_t qompress_acqua_load(const char *path, int64_t threads, int64_t *handle,
                            char *message, int64_t message_capacity);
int32_t qompress_head_load(const char *path, int64_t *handle, char *message, int64_t message_capacity);
int32_t qompress_model_shape(int64_t handle, int64_t *input_size, int64_t *output_size,
                             char *message, int64_t message_capacity);
/* modality: "image" or "text" for a CLIP-ACQUA model (`acqua embed`); ignored for a head
 * (`head encode`). inputs rows × columns; outputs rows × output_size. */
int32_t qompress_model_encode(int64_t handle, const char *modality,
                              const double *inputs, int64_t rows, int64_t columns,
                              double *outputs, int64_t output_count,
                              char *message, int64_t message_capacity);
int32_t qompress_model_free(int64_t handle);

#endif
