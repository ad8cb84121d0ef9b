/*
 * Depthwise convolution kernels for TensorFlow's CPU runtime, registered through TensorFlow's C kernel API
 * (tensorflow/c/kernels.h, tensorflow/c/ops.h) and loaded at run time with TF_LoadLibrary.
 *
 * Why: the supernet's thousands of small depthwise convolutions (8-32 channels, 7x7 to 28x28 maps) spend
 * half of a training step in TensorFlow 1.1's depthwise kernels, whose filter gradient is 5-8 times as
 * slow on a 5x5 filter as on a 3x3 one (BENCHMARKS.md). These loops keep a block of 8 channels in one
 * vector register, the NHWC layout's innermost dimension, and compute the input and the filter gradient
 * in one pass over the output gradient.
 *
 * Ops (float32, NHWC, channel multiplier 1, square filter [k, k, C, 1], symmetric explicit padding):
 *   Snas4jDepthwiseConv2d(input, filter; stride, padding) -> output
 *   Snas4jDepthwiseConv2dGrad(input, filter, output_gradient; stride, padding) -> (input_gradient, filter_gradient)
 * with output size floor((in + 2 * padding - k) / stride) + 1, as PyTorch's Conv2d. The C API gives shape
 * functions no access to attributes, so the forward op's output shape is left unknown (the Java side
 * reshapes it to the static shape it computes); the gradient's outputs have its inputs' shapes.
 *
 * The TensorFlow C API is declared here, not included: TensorFlow Java ships the shared libraries but not
 * the headers. The declarations below are copied in meaning from those public headers, the subset used.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct TF_Status TF_Status;
typedef struct TF_Tensor TF_Tensor;
typedef struct TF_OpKernelConstruction TF_OpKernelConstruction;
typedef struct TF_OpKernelContext TF_OpKernelContext;
typedef struct TF_KernelBuilder TF_KernelBuilder;
typedef struct TF_OpDefinitionBuilder TF_OpDefinitionBuilder;
typedef struct TF_ShapeInferenceContext TF_ShapeInferenceContext;
typedef struct TF_ShapeHandle TF_ShapeHandle;
typedef int TF_DataType;
typedef int TF_Code;
enum { TF_FLOAT = 1, TF_OK = 0, TF_INVALID_ARGUMENT = 3, TF_RESOURCE_EXHAUSTED = 8 };

extern TF_Status* TF_NewStatus(void);
extern void TF_DeleteStatus(TF_Status*);
extern TF_Code TF_GetCode(const TF_Status*);
extern void TF_SetStatus(TF_Status*, TF_Code, const char*);
extern int TF_NumDims(const TF_Tensor*);
extern int64_t TF_Dim(const TF_Tensor*, int);
extern void* TF_TensorData(const TF_Tensor*);
extern void TF_DeleteTensor(TF_Tensor*);

extern TF_KernelBuilder* TF_NewKernelBuilder(const char* op_name, const char* device_name,
        void* (*create_func)(TF_OpKernelConstruction*), void (*compute_func)(void*, TF_OpKernelContext*),
        void (*delete_func)(void*));
extern void TF_RegisterKernelBuilder(const char* kernel_name, TF_KernelBuilder* builder, TF_Status* status);
extern void TF_GetInput(TF_OpKernelContext* ctx, int i, TF_Tensor** tensor, TF_Status* status);
extern TF_Tensor* TF_AllocateOutput(TF_OpKernelContext* context, int index, TF_DataType dtype, const int64_t* dims,
        int num_dims, size_t len, TF_Status* status);
extern void TF_OpKernelContext_Failure(TF_OpKernelContext* ctx, TF_Status* status);
extern void TF_OpKernelConstruction_Failure(TF_OpKernelConstruction* ctx, TF_Status* status);
extern void TF_OpKernelConstruction_GetAttrInt64(TF_OpKernelConstruction* ctx, const char* attr_name, int64_t* val,
        TF_Status* status);

extern TF_OpDefinitionBuilder* TF_NewOpDefinitionBuilder(const char* op_name);
extern void TF_RegisterOpDefinition(TF_OpDefinitionBuilder* builder, TF_Status* status);
extern void TF_OpDefinitionBuilderAddAttr(TF_OpDefinitionBuilder* builder, const char* attr_spec);
extern void TF_OpDefinitionBuilderAddInput(TF_OpDefinitionBuilder* builder, const char* input_spec);
extern void TF_OpDefinitionBuilderAddOutput(TF_OpDefinitionBuilder* builder, const char* output_spec);
extern void TF_OpDefinitionBuilderSetShapeInferenceFunction(TF_OpDefinitionBuilder* builder,
        void (*shape_inference_func)(TF_ShapeInferenceContext* ctx, TF_Status* status));
extern TF_ShapeHandle* TF_NewShapeHandle(void);
extern void TF_DeleteShapeHandle(TF_ShapeHandle* handle);
extern void TF_ShapeInferenceContextGetInput(TF_ShapeInferenceContext* ctx, int i, TF_ShapeHandle* handle,
        TF_Status* status);
extern void TF_ShapeInferenceContextSetOutput(TF_ShapeInferenceContext* ctx, int i, TF_ShapeHandle* handle,
        TF_Status* status);
extern void TF_ShapeInferenceContextSetUnknownShape(TF_ShapeInferenceContext* ctx, TF_Status* status);

/* 8 floats, loaded and stored without alignment: one AVX register, or two SSE ones without AVX. */
typedef float v8 __attribute__((vector_size(32), aligned(4)));

#define CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))

/* Geometry of one convolution. */
typedef struct {
    int64_t n, h, w, c, k, stride, pad, oh, ow;
} geometry;

/* The filter rows i in [lo, hi) that hit input rows for output row o. */
static inline void taps(int64_t o, const geometry* g, int64_t size, int64_t* lo, int64_t* hi) {
    int64_t first = o * g->stride - g->pad;
    *lo = first < 0 ? -first : 0;
    *hi = size - first < g->k ? size - first : g->k;
}

/* One output pixel's channels [ch, ch + 8) over the filter rows [ilo, ihi) and columns [jlo, jhi). */
static inline v8 pixel(const geometry* g, const float* x0, const float* f, int64_t ch, int64_t ilo, int64_t ihi,
                       int64_t jlo, int64_t jhi) {
    v8 acc = {0};
    for (int64_t i = ilo; i < ihi; i++) {
        for (int64_t j = jlo; j < jhi; j++) {
            acc += *(const v8*) (x0 + (i * g->w + j) * g->c + ch) * *(const v8*) (f + (i * g->k + j) * g->c + ch);
        }
    }
    return acc;
}

/*
 * Four neighbouring output pixels of one row share each filter tap's load, which keeps the loop bound by
 * arithmetic rather than by loads; the row's border pixels, whose windows are clipped, go one at a time.
 */
CLONES static void forward(const geometry* g, const float* x, const float* f, float* y) {
    const int64_t c = g->c, vc = c - c % 8, s = g->stride;
    for (int64_t n = 0; n < g->n; n++) {
        const float* xn = x + n * g->h * g->w * c;
        for (int64_t oh = 0; oh < g->oh; oh++) {
            int64_t ilo, ihi;
            taps(oh, g, g->h, &ilo, &ihi);
            const float* xrow = xn + (oh * s - g->pad) * g->w * c;
            float* yrow = y + (n * g->oh + oh) * g->ow * c;
            for (int64_t ow = 0; ow < g->ow;) {
                const int64_t left = ow * s - g->pad;
                const float* x0 = xrow + left * c;
                float* yp = yrow + ow * c;
                if (ow + 3 < g->ow && left >= 0 && left + 3 * s + g->k <= g->w) {
                    for (int64_t ch = 0; ch < vc; ch += 8) {
                        v8 a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};
                        for (int64_t i = ilo; i < ihi; i++) {
                            const float* xr = x0 + i * g->w * c + ch;
                            const float* fr = f + i * g->k * c + ch;
                            for (int64_t j = 0; j < g->k; j++) {
                                const v8 tap = *(const v8*) (fr + j * c);
                                a0 += *(const v8*) (xr + j * c) * tap;
                                a1 += *(const v8*) (xr + (s + j) * c) * tap;
                                a2 += *(const v8*) (xr + (2 * s + j) * c) * tap;
                                a3 += *(const v8*) (xr + (3 * s + j) * c) * tap;
                            }
                        }
                        *(v8*) (yp + ch) = a0;
                        *(v8*) (yp + c + ch) = a1;
                        *(v8*) (yp + 2 * c + ch) = a2;
                        *(v8*) (yp + 3 * c + ch) = a3;
                    }
                    for (int64_t ch = vc; ch < c; ch++) {
                        for (int64_t q = 0; q < 4; q++) {
                            float acc = 0;
                            for (int64_t i = ilo; i < ihi; i++) {
                                for (int64_t j = 0; j < g->k; j++) {
                                    acc += x0[(i * g->w + q * s + j) * c + ch] * f[(i * g->k + j) * c + ch];
                                }
                            }
                            yp[q * c + ch] = acc;
                        }
                    }
                    ow += 4;
                    continue;
                }
                int64_t jlo, jhi;
                taps(ow, g, g->w, &jlo, &jhi);
                for (int64_t ch = 0; ch < vc; ch += 8) {
                    *(v8*) (yp + ch) = pixel(g, x0, f, ch, ilo, ihi, jlo, jhi);
                }
                for (int64_t ch = vc; ch < c; ch++) {
                    float acc = 0;
                    for (int64_t i = ilo; i < ihi; i++) {
                        for (int64_t j = jlo; j < jhi; j++) {
                            acc += x0[(i * g->w + j) * c + ch] * f[(i * g->k + j) * c + ch];
                        }
                    }
                    yp[ch] = acc;
                }
                ow++;
            }
        }
    }
}

/*
 * dx[n, oh*s + i - p, ow*s + j - p, c] += dy[n, oh, ow, c] * f[i, j, c] and
 * df[i, j, c] += x[n, oh*s + i - p, ow*s + j - p, c] * dy[n, oh, ow, c] in one pass over dy. The filter
 * gradient is summed per image in `part` before it is added to df, which keeps float32 sums over large
 * batches accurate.
 */
CLONES static void backward(const geometry* g, const float* x, const float* f, const float* dy, float* dx,
                            float* df, float* part) {
    const int64_t c = g->c, vc = c - c % 8, taps_size = g->k * g->k * c;
    memset(dx, 0, sizeof(float) * g->n * g->h * g->w * c);
    memset(df, 0, sizeof(float) * taps_size);
    for (int64_t n = 0; n < g->n; n++) {
        const float* xn = x + n * g->h * g->w * c;
        float* dxn = dx + n * g->h * g->w * c;
        memset(part, 0, sizeof(float) * taps_size);
        for (int64_t oh = 0; oh < g->oh; oh++) {
            int64_t ilo, ihi;
            taps(oh, g, g->h, &ilo, &ihi);
            for (int64_t ow = 0; ow < g->ow; ow++) {
                int64_t jlo, jhi;
                taps(ow, g, g->w, &jlo, &jhi);
                const float* dyp = dy + ((n * g->oh + oh) * g->ow + ow) * c;
                const int64_t offset = ((oh * g->stride - g->pad) * g->w + (ow * g->stride - g->pad)) * c;
                const float* x0 = xn + offset;
                float* dx0 = dxn + offset;
                for (int64_t ch = 0; ch < vc; ch += 8) {
                    const v8 grad = *(const v8*) (dyp + ch);
                    for (int64_t i = ilo; i < ihi; i++) {
                        for (int64_t j = jlo; j < jhi; j++) {
                            const int64_t at = (i * g->w + j) * c + ch, tap = (i * g->k + j) * c + ch;
                            *(v8*) (dx0 + at) += grad * *(const v8*) (f + tap);
                            *(v8*) (part + tap) += grad * *(const v8*) (x0 + at);
                        }
                    }
                }
                for (int64_t ch = vc; ch < c; ch++) {
                    const float grad = dyp[ch];
                    for (int64_t i = ilo; i < ihi; i++) {
                        for (int64_t j = jlo; j < jhi; j++) {
                            const int64_t at = (i * g->w + j) * c + ch, tap = (i * g->k + j) * c + ch;
                            dx0[at] += grad * f[tap];
                            part[tap] += grad * x0[at];
                        }
                    }
                }
            }
        }
        for (int64_t t = 0; t < taps_size; t++) {
            df[t] += part[t];
        }
    }
}

typedef struct {
    int64_t stride, pad;
} attributes;

static void* create(TF_OpKernelConstruction* ctx) {
    attributes* a = calloc(1, sizeof(attributes));
    TF_Status* status = TF_NewStatus();
    TF_OpKernelConstruction_GetAttrInt64(ctx, "stride", &a->stride, status);
    if (TF_GetCode(status) == TF_OK) {
        TF_OpKernelConstruction_GetAttrInt64(ctx, "padding", &a->pad, status);
    }
    if (TF_GetCode(status) == TF_OK && (a->stride < 1 || a->pad < 0)) {
        TF_SetStatus(status, TF_INVALID_ARGUMENT, "stride must be at least 1 and padding at least 0");
    }
    if (TF_GetCode(status) != TF_OK) {
        TF_OpKernelConstruction_Failure(ctx, status);
    }
    TF_DeleteStatus(status);
    return a;
}

static void destroy(void* kernel) {
    free(kernel);
}

/* Reads the input and filter geometry; on bad shapes sets the status and returns 0. */
static int read_geometry(const attributes* a, const TF_Tensor* x, const TF_Tensor* f, geometry* g, TF_Status* status) {
    if (TF_NumDims(x) != 4 || TF_NumDims(f) != 4) {
        TF_SetStatus(status, TF_INVALID_ARGUMENT, "depthwise convolution needs a 4-d NHWC input and a 4-d filter");
        return 0;
    }
    g->n = TF_Dim(x, 0);
    g->h = TF_Dim(x, 1);
    g->w = TF_Dim(x, 2);
    g->c = TF_Dim(x, 3);
    g->k = TF_Dim(f, 0);
    g->stride = a->stride;
    g->pad = a->pad;
    if (TF_Dim(f, 1) != g->k || TF_Dim(f, 2) != g->c || TF_Dim(f, 3) != 1) {
        TF_SetStatus(status, TF_INVALID_ARGUMENT, "filter must be [k, k, channels, 1] for the input's channels");
        return 0;
    }
    if (g->h + 2 * g->pad < g->k || g->w + 2 * g->pad < g->k) {
        TF_SetStatus(status, TF_INVALID_ARGUMENT, "padded input is smaller than the filter");
        return 0;
    }
    g->oh = (g->h + 2 * g->pad - g->k) / g->stride + 1;
    g->ow = (g->w + 2 * g->pad - g->k) / g->stride + 1;
    return 1;
}

static void compute_forward(void* kernel, TF_OpKernelContext* ctx) {
    TF_Status* status = TF_NewStatus();
    TF_Tensor *x = NULL, *f = NULL, *y = NULL;
    geometry g;
    TF_GetInput(ctx, 0, &x, status);
    if (TF_GetCode(status) == TF_OK) TF_GetInput(ctx, 1, &f, status);
    if (TF_GetCode(status) == TF_OK && read_geometry(kernel, x, f, &g, status)) {
        int64_t dims[4] = {g.n, g.oh, g.ow, g.c};
        y = TF_AllocateOutput(ctx, 0, TF_FLOAT, dims, 4, sizeof(float) * g.n * g.oh * g.ow * g.c, status);
        if (TF_GetCode(status) == TF_OK && g.n * g.c > 0) {
            forward(&g, TF_TensorData(x), TF_TensorData(f), TF_TensorData(y));
        }
    }
    if (TF_GetCode(status) != TF_OK) TF_OpKernelContext_Failure(ctx, status);
    if (x) TF_DeleteTensor(x);
    if (f) TF_DeleteTensor(f);
    if (y) TF_DeleteTensor(y);
    TF_DeleteStatus(status);
}

static void compute_backward(void* kernel, TF_OpKernelContext* ctx) {
    TF_Status* status = TF_NewStatus();
    TF_Tensor *x = NULL, *f = NULL, *dy = NULL, *dx = NULL, *df = NULL;
    float* part = NULL;
    geometry g;
    TF_GetInput(ctx, 0, &x, status);
    if (TF_GetCode(status) == TF_OK) TF_GetInput(ctx, 1, &f, status);
    if (TF_GetCode(status) == TF_OK) TF_GetInput(ctx, 2, &dy, status);
    if (TF_GetCode(status) == TF_OK && read_geometry(kernel, x, f, &g, status)) {
        if (TF_NumDims(dy) != 4 || TF_Dim(dy, 0) != g.n || TF_Dim(dy, 1) != g.oh || TF_Dim(dy, 2) != g.ow
                || TF_Dim(dy, 3) != g.c) {
            TF_SetStatus(status, TF_INVALID_ARGUMENT, "output gradient does not have the convolution's output shape");
        }
    }
    if (TF_GetCode(status) == TF_OK) {
        int64_t x_dims[4] = {g.n, g.h, g.w, g.c};
        int64_t f_dims[4] = {g.k, g.k, g.c, 1};
        dx = TF_AllocateOutput(ctx, 0, TF_FLOAT, x_dims, 4, sizeof(float) * g.n * g.h * g.w * g.c, status);
        if (TF_GetCode(status) == TF_OK) {
            df = TF_AllocateOutput(ctx, 1, TF_FLOAT, f_dims, 4, sizeof(float) * g.k * g.k * g.c, status);
        }
        if (TF_GetCode(status) == TF_OK) {
            part = malloc(sizeof(float) * (size_t) (g.k * g.k * g.c + 1));
            if (part == NULL) TF_SetStatus(status, TF_RESOURCE_EXHAUSTED, "out of memory for the filter gradient");
        }
        if (TF_GetCode(status) == TF_OK) {
            backward(&g, TF_TensorData(x), TF_TensorData(f), TF_TensorData(dy), TF_TensorData(dx), TF_TensorData(df), part);
        }
    }
    if (TF_GetCode(status) != TF_OK) TF_OpKernelContext_Failure(ctx, status);
    free(part);
    if (x) TF_DeleteTensor(x);
    if (f) TF_DeleteTensor(f);
    if (dy) TF_DeleteTensor(dy);
    if (dx) TF_DeleteTensor(dx);
    if (df) TF_DeleteTensor(df);
    TF_DeleteStatus(status);
}

static void unknown_shape(TF_ShapeInferenceContext* ctx, TF_Status* status) {
    TF_ShapeInferenceContextSetUnknownShape(ctx, status);
}

/* The gradients have the shapes of the input (0) and the filter (1). */
static void gradient_shapes(TF_ShapeInferenceContext* ctx, TF_Status* status) {
    TF_ShapeHandle* handle = TF_NewShapeHandle();
    for (int i = 0; i < 2 && TF_GetCode(status) == TF_OK; i++) {
        TF_ShapeInferenceContextGetInput(ctx, i, handle, status);
        if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextSetOutput(ctx, i, handle, status);
    }
    TF_DeleteShapeHandle(handle);
}

/* Registers one op with the stride and padding attributes and its CPU kernel. */
static void register_op(const char* name, const char** inputs, const char** outputs,
                        void (*shape)(TF_ShapeInferenceContext*, TF_Status*),
                        void (*compute)(void*, TF_OpKernelContext*), TF_Status* status) {
    TF_OpDefinitionBuilder* op = TF_NewOpDefinitionBuilder(name);
    for (; *inputs; inputs++) TF_OpDefinitionBuilderAddInput(op, *inputs);
    for (; *outputs; outputs++) TF_OpDefinitionBuilderAddOutput(op, *outputs);
    TF_OpDefinitionBuilderAddAttr(op, "stride: int >= 1");
    TF_OpDefinitionBuilderAddAttr(op, "padding: int >= 0");
    TF_OpDefinitionBuilderSetShapeInferenceFunction(op, shape);
    TF_RegisterOpDefinition(op, status);
    if (TF_GetCode(status) != TF_OK) return;
    TF_KernelBuilder* builder = TF_NewKernelBuilder(name, "CPU", create, compute, destroy);
    TF_RegisterKernelBuilder(name, builder, status);
}

__attribute__((constructor)) static void register_ops(void) {
    static const char* forward_inputs[] = {"input: float", "filter: float", NULL};
    static const char* forward_outputs[] = {"output: float", NULL};
    static const char* backward_inputs[] = {"input: float", "filter: float", "output_gradient: float", NULL};
    static const char* backward_outputs[] = {"input_gradient: float", "filter_gradient: float", NULL};
    TF_Status* status = TF_NewStatus();
    register_op("Snas4jDepthwiseConv2d", forward_inputs, forward_outputs, unknown_shape, compute_forward, status);
    if (TF_GetCode(status) == TF_OK) {
        register_op("Snas4jDepthwiseConv2dGrad", backward_inputs, backward_outputs, gradient_shapes, compute_backward, status);
    }
    TF_DeleteStatus(status);
}
