/*
 * Depthwise and separable convolution kernels for TensorFlow's CPU runtime, registered through TensorFlow's C
 * kernel API (tensorflow/c/kernels.h, tensorflow/c/ops.h) and loaded at run time with TF_LoadLibrary.
 *
 * Why: the supernet's thousands of small separable convolutions (8-64 channels, 7x7 to 32x32 maps) spent
 * half of a training step in TensorFlow 1.1's depthwise kernels, and its backward pass kept every depthwise
 * output alive. The separable op computes [ReLU,] depthwise and 1x1 convolution image by image through a
 * scratch buffer that stays in cache; its gradient recomputes the depthwise output instead of keeping it.
 * The loops keep a block of 8 channels in one vector register (the NHWC layout's innermost dimension) and
 * their sums in registers; filter size, stride, dilation and channel count are compile-time constants for
 * the shapes the networks use.
 *
 * Ops (float32, NHWC, channel multiplier 1, square depthwise filter [k, k, C, 1], 1x1 filter [1, 1, C, O],
 * symmetric explicit padding):
 *   Snas4jDepthwiseConv2d(input, filter; stride, padding) -> output
 *   Snas4jDepthwiseConv2dGrad(input, filter, output_gradient; stride, padding) -> (input_gradient, filter_gradient)
 *   Snas4jSeparableConv2d(input, depthwise_filter, pointwise_filter; stride, padding, relu_input, dilation) -> output
 *   Snas4jSeparableConv2dGrad(input, depthwise_filter, pointwise_filter, output_gradient; same attributes)
 *       -> (input_gradient, depthwise_filter_gradient, pointwise_filter_gradient)
 * with output size floor((in + 2 * padding - dilation * (k - 1) - 1) / stride) + 1, as PyTorch's Conv2d (a
 * dilated one needs stride 1). The C API gives shape functions no access to attributes, so the forward ops'
 * output shapes are left unknown (the Java side reshapes them to the static shapes it computes); the
 * gradients' outputs have their inputs' shapes.
 *
 * The TensorFlow C API is declared here, not included: TensorFlow Java ships the shared libraries but not
 * the headers. The declarations below are copied in meaning from those public headers, the subset used.
 */
#include <pthread.h>
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
    int64_t n, h, w, c, k, stride, pad, oh, ow, dilation;
} geometry;

/* The filter rows i in [lo, hi) that hit input rows for output row o. */
static inline void taps(int64_t o, const geometry* g, int64_t size, int64_t* lo, int64_t* hi) {
    int64_t first = o * g->stride - g->pad;
    *lo = first < 0 ? -first : 0;
    *hi = size - first < g->k ? size - first : g->k;
}

/*
 * Calls CALL(C) with the channel count as a compile-time constant for the widths the networks use (the
 * supernets' 8 to 64, doubling at each reduction), else with the variable: constant strides let the compiler
 * keep every sum in a register and address every tap directly, about three times as fast.
 */
#define WITH_CHANNELS(C, CALL)                                                                                    \
    do {                                                                                                          \
        switch (C) {                                                                                              \
            case 8: CALL(8); break;                                                                               \
            case 16: CALL(16); break;                                                                             \
            case 32: CALL(32); break;                                                                             \
            case 64: CALL(64); break;                                                                             \
            default: CALL(C); break;                                                                              \
        }                                                                                                         \
    } while (0)

/* The geometry of one image of g's batch: the per-image loops below process a batch image by image. */
static inline geometry one_image(const geometry* g) {
    geometry image = *g;
    image.n = 1;
    return image;
}

/*
 * The gradients of a strided convolution (stride 2, where the input gradient is no correlation), scattered
 * tap by tap for one image (g->n == 1): dx[oh*s + i - p, ow*s + j - p, c] = sum dy[oh, ow, c] * f[i, j, c]
 * and part[i, j, c] += x[oh*s + i - p, ow*s + j - p, c] * dy[oh, ow, c], in one pass over dy. Callers sum
 * the filter gradient per image in `part` before adding it to the batch's, which keeps float32 sums over
 * large batches accurate.
 */
static inline __attribute__((always_inline)) void backward_image_k(const int64_t k, const int64_t s,
        const int64_t c, const geometry* g, const float* x, const float* f, const float* dy, float* dx, float* part) {
    const int64_t vc = c - c % 8;
    memset(dx, 0, sizeof(float) * g->h * g->w * c);
    for (int64_t oh = 0; oh < g->oh; oh++) {
        int64_t ilo, ihi;
        taps(oh, g, g->h, &ilo, &ihi);
        for (int64_t ow = 0; ow < g->ow; ow++) {
            int64_t jlo, jhi;
            taps(ow, g, g->w, &jlo, &jhi);
            const float* dyp = dy + (oh * g->ow + ow) * c;
            const int64_t offset = ((oh * s - g->pad) * g->w + (ow * s - g->pad)) * c;
            const float* x0 = x + offset;
            float* dx0 = dx + offset;
            for (int64_t ch = 0; ch < vc; ch += 8) {
                const v8 grad = *(const v8*) (dyp + ch);
                for (int64_t i = ilo; i < ihi; i++) {
                    for (int64_t j = jlo; j < jhi; j++) {
                        const int64_t at = (i * g->w + j) * c + ch, tap = (i * k + j) * c + ch;
                        *(v8*) (dx0 + at) += grad * *(const v8*) (f + tap);
                        *(v8*) (part + tap) += grad * *(const v8*) (x0 + at);
                    }
                }
            }
            for (int64_t ch = vc; ch < c; ch++) {
                const float grad = dyp[ch];
                for (int64_t i = ilo; i < ihi; i++) {
                    for (int64_t j = jlo; j < jhi; j++) {
                        const int64_t at = (i * g->w + j) * c + ch, tap = (i * k + j) * c + ch;
                        dx0[at] += grad * f[tap];
                        part[tap] += grad * x0[at];
                    }
                }
            }
        }
    }
}

CLONES static void backward_image(const geometry* g, const float* x, const float* f, const float* dy, float* dx,
                                  float* part) {
#define BACKWARD(K, S, C) backward_image_k(K, S, C, g, x, f, dy, dx, part)
#define K3S1(C) BACKWARD(3, 1, C)
#define K5S1(C) BACKWARD(5, 1, C)
#define K3S2(C) BACKWARD(3, 2, C)
#define K5S2(C) BACKWARD(5, 2, C)
    const int64_t k = g->k, s = g->stride;
    if (k == 3 && s == 1) WITH_CHANNELS(g->c, K3S1);
    else if (k == 5 && s == 1) WITH_CHANNELS(g->c, K5S1);
    else if (k == 3 && s == 2) WITH_CHANNELS(g->c, K3S2);
    else if (k == 5 && s == 2) WITH_CHANNELS(g->c, K5S2);
    else BACKWARD(k, s, g->c);
#undef K3S1
#undef K5S1
#undef K3S2
#undef K5S2
#undef BACKWARD
}

/*
 * y[p, o] = sum_i d[p, i] * w[i, o] over `pixels` pixels: a 1x1 convolution from `in` to `out` channels, w
 * in TensorFlow's [1, 1, in, out] layout. Eight pixels share each weight vector's load.
 */
static inline __attribute__((always_inline)) void pointwise_k(int64_t pixels, const int64_t in, const int64_t out,
        const float* d, const float* w, float* y) {
    const int64_t vo = out - out % 8;
    int64_t p = 0;
    if (out % 16 == 0) {
        /* Four pixels by two weight vectors: six loads per eight multiply-adds instead of nine. */
        for (; p + 4 <= pixels; p += 4) {
            const float* d0 = d + p * in;
            float* y0 = y + p * out;
            for (int64_t o = 0; o < out; o += 16) {
                v8 a[4] = {{0}}, b[4] = {{0}};
                for (int64_t i = 0; i < in; i++) {
                    const v8 w0 = *(const v8*) (w + i * out + o), w1 = *(const v8*) (w + i * out + o + 8);
                    for (int q = 0; q < 4; q++) {
                        a[q] += d0[q * in + i] * w0;
                        b[q] += d0[q * in + i] * w1;
                    }
                }
                for (int q = 0; q < 4; q++) {
                    *(v8*) (y0 + q * out + o) = a[q];
                    *(v8*) (y0 + q * out + o + 8) = b[q];
                }
            }
        }
    }
    for (; p + 8 <= pixels; p += 8) {
        const float* d0 = d + p * in;
        float* y0 = y + p * out;
        for (int64_t o = 0; o < vo; o += 8) {
            v8 a[8] = {{0}};
            for (int64_t i = 0; i < in; i++) {
                const v8 wv = *(const v8*) (w + i * out + o);
                for (int q = 0; q < 8; q++) a[q] += d0[q * in + i] * wv;
            }
            for (int q = 0; q < 8; q++) *(v8*) (y0 + q * out + o) = a[q];
        }
        for (int64_t o = vo; o < out; o++) {
            for (int q = 0; q < 8; q++) {
                float acc = 0;
                for (int64_t i = 0; i < in; i++) acc += d0[q * in + i] * w[i * out + o];
                y0[q * out + o] = acc;
            }
        }
    }
    for (; p < pixels; p++) {
        for (int64_t o = 0; o < out; o++) {
            float acc = 0;
            for (int64_t i = 0; i < in; i++) acc += d[p * in + i] * w[i * out + o];
            y[p * out + o] = acc;
        }
    }
}

/*
 * part[i, o] += sum_p d[p, i] * dy[p, o]: the 1x1 convolution's filter gradient over `pixels` pixels, eight
 * input channels' sums in registers per pass.
 */
static inline __attribute__((always_inline)) void pointwise_filter_gradient_k(int64_t pixels, const int64_t in,
        const int64_t out, const float* d, const float* dy, float* part) {
    const int64_t vo = out - out % 8, vi = in - in % 8;
    for (int64_t o = 0; o < vo; o += 8) {
        for (int64_t i0 = 0; i0 < vi; i0 += 8) {
            v8 a[8] = {{0}};
            for (int64_t p = 0; p < pixels; p++) {
                const v8 g = *(const v8*) (dy + p * out + o);
                for (int q = 0; q < 8; q++) a[q] += d[p * in + i0 + q] * g;
            }
            for (int q = 0; q < 8; q++) *(v8*) (part + (i0 + q) * out + o) += a[q];
        }
        for (int64_t i = vi; i < in; i++) {
            v8 a = {0};
            for (int64_t p = 0; p < pixels; p++) a += d[p * in + i] * *(const v8*) (dy + p * out + o);
            *(v8*) (part + i * out + o) += a;
        }
    }
    for (int64_t o = vo; o < out; o++) {
        for (int64_t i = 0; i < in; i++) {
            float acc = 0;
            for (int64_t p = 0; p < pixels; p++) acc += d[p * in + i] * dy[p * out + o];
            part[i * out + o] += acc;
        }
    }
}

CLONES static void pointwise(int64_t pixels, int64_t in, int64_t out, const float* d, const float* w, float* y) {
#define POINTWISE(C) pointwise_k(pixels, C, C, d, w, y)
    if (in == out) WITH_CHANNELS(in, POINTWISE);
    else pointwise_k(pixels, in, out, d, w, y);
#undef POINTWISE
}

CLONES static void pointwise_filter_gradient(int64_t pixels, int64_t in, int64_t out, const float* d, const float* dy,
                                             float* part) {
#define FILTER_GRADIENT(C) pointwise_filter_gradient_k(pixels, C, C, d, dy, part)
    if (in == out) WITH_CHANNELS(in, FILTER_GRADIENT);
    else pointwise_filter_gradient_k(pixels, in, out, d, dy, part);
#undef FILTER_GRADIENT
}

/*
 * Each TensorFlow thread's scratch memory, kept from one kernel call to the next and freed when the thread
 * ends: a malloc of 50-150 KB per call (above glibc's mmap threshold, and returned to the system on free)
 * cost the default supernet about a tenth of its step in page faults.
 */
typedef struct {
    float* data;
    size_t capacity;
} scratch_buffer;

static pthread_key_t scratch_key;
static pthread_once_t scratch_key_once = PTHREAD_ONCE_INIT;

static void free_scratch(void* buffer) {
    free(((scratch_buffer*) buffer)->data);
    free(buffer);
}

static void create_scratch_key(void) {
    pthread_key_create(&scratch_key, free_scratch);
}

/* At least `floats` floats of this thread's scratch memory, or NULL when out of memory. */
static float* thread_scratch(int64_t floats) {
    pthread_once(&scratch_key_once, create_scratch_key);
    scratch_buffer* buffer = pthread_getspecific(scratch_key);
    if (buffer == NULL) {
        buffer = calloc(1, sizeof(scratch_buffer));
        if (buffer == NULL || pthread_setspecific(scratch_key, buffer) != 0) {
            free(buffer);
            return NULL;
        }
    }
    if (buffer->capacity < (size_t) floats) {
        float* grown = malloc(sizeof(float) * (size_t) floats);
        if (grown == NULL) return NULL;
        free(buffer->data);
        buffer->data = grown;
        buffer->capacity = (size_t) floats;
    }
    return buffer->data;
}

typedef struct {
    int64_t stride, pad, relu_input, dilation;
    /* The separable ops take a pointwise filter; the depthwise ones are the same kernels without it. */
    int separable;
} attributes;

/* Reads the stride and padding attributes, and relu_input and dilation for the separable ops. */
static void* create_with(TF_OpKernelConstruction* ctx, int separable) {
    attributes* a = calloc(1, sizeof(attributes));
    a->separable = separable;
    TF_Status* status = TF_NewStatus();
    TF_OpKernelConstruction_GetAttrInt64(ctx, "stride", &a->stride, status);
    if (TF_GetCode(status) == TF_OK) {
        TF_OpKernelConstruction_GetAttrInt64(ctx, "padding", &a->pad, status);
    }
    if (TF_GetCode(status) == TF_OK && separable) {
        TF_OpKernelConstruction_GetAttrInt64(ctx, "relu_input", &a->relu_input, status);
        if (TF_GetCode(status) == TF_OK) TF_OpKernelConstruction_GetAttrInt64(ctx, "dilation", &a->dilation, status);
    } else {
        a->dilation = 1;
    }
    if (TF_GetCode(status) == TF_OK && (a->stride < 1 || a->pad < 0 || a->dilation < 1)) {
        TF_SetStatus(status, TF_INVALID_ARGUMENT, "stride and dilation must be at least 1 and padding at least 0");
    }
    if (TF_GetCode(status) == TF_OK && a->dilation > 1 && a->stride > 1) {
        TF_SetStatus(status, TF_INVALID_ARGUMENT, "a dilated convolution must have stride 1");
    }
    if (TF_GetCode(status) != TF_OK) {
        TF_OpKernelConstruction_Failure(ctx, status);
    }
    TF_DeleteStatus(status);
    return a;
}

static void* create(TF_OpKernelConstruction* ctx) {
    return create_with(ctx, 0);
}

static void* create_separable(TF_OpKernelConstruction* ctx) {
    return create_with(ctx, 1);
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
    g->dilation = a->dilation;
    const int64_t extent = g->dilation * (g->k - 1) + 1;
    if (g->h + 2 * g->pad < extent || g->w + 2 * g->pad < extent) {
        TF_SetStatus(status, TF_INVALID_ARGUMENT, "padded input is smaller than the filter");
        return 0;
    }
    g->oh = (g->h + 2 * g->pad - extent) / g->stride + 1;
    g->ow = (g->w + 2 * g->pad - extent) / g->stride + 1;
    return 1;
}

/*
 * Kernels on zero-padded images, for the separable op: with the border in memory no window is clipped, so
 * every output pixel takes the same branch-free loop. Each loop keeps its sums in registers across the
 * taps (forward) or the pixels (filter gradient), with enough independent sums to hide the multiply-add
 * latency; k is a compile-time constant for the filters the networks use (3, 5).
 */

/* `block` neighbouring output pixels of one row from ow on, each tap's load shared by all of them. */
static inline __attribute__((always_inline)) void correlate_block(const int64_t k, const int64_t s, const int64_t d,
        const int64_t c, const int64_t block, const float* row, int64_t width, int64_t ow, const float* f, float* yrow) {
    const int64_t vc = c - c % 8;
    for (int64_t ch = 0; ch < vc; ch += 8) {
        v8 a[8] = {{0}};
        for (int64_t i = 0; i < k; i++) {
            const float* in = row + (i * d * width + ow * s) * c + ch;
            for (int64_t j = 0; j < k; j++) {
                const v8 tap = *(const v8*) (f + (i * k + j) * c + ch);
                for (int64_t q = 0; q < block; q++) a[q] += *(const v8*) (in + (q * s + j * d) * c) * tap;
            }
        }
        for (int64_t q = 0; q < block; q++) *(v8*) (yrow + (ow + q) * c + ch) = a[q];
    }
    for (int64_t ch = vc; ch < c; ch++) {
        for (int64_t q = 0; q < block; q++) {
            float a = 0;
            for (int64_t i = 0; i < k; i++) {
                for (int64_t j = 0; j < k; j++) {
                    a += row[(i * d * width + (ow + q) * s + j * d) * c + ch] * f[(i * k + j) * c + ch];
                }
            }
            yrow[(ow + q) * c + ch] = a;
        }
    }
}

/*
 * y[oh, ow, c] = sum_ij p[oh*s + i*d, ow*s + j*d, c] * f[i, j, c] (d: the dilation): p is `width` pixels wide,
 * y is out_h x out_w. Eight pixels at a time, the rest of a row (all of it in maps narrower than 8) four, two, one at a time.
 */
static inline __attribute__((always_inline)) void correlate_k(const int64_t k, int64_t out_h, int64_t out_w, int64_t width,
        const int64_t c, const int64_t s, const int64_t d, const float* p, const float* f, float* y) {
    for (int64_t oh = 0; oh < out_h; oh++) {
        const float* row = p + oh * s * width * c;
        float* yrow = y + oh * out_w * c;
        int64_t ow = 0;
        for (; ow + 8 <= out_w; ow += 8) correlate_block(k, s, d, c, 8, row, width, ow, f, yrow);
        if (ow + 4 <= out_w) {
            correlate_block(k, s, d, c, 4, row, width, ow, f, yrow);
            ow += 4;
        }
        if (ow + 2 <= out_w) {
            correlate_block(k, s, d, c, 2, row, width, ow, f, yrow);
            ow += 2;
        }
        if (ow < out_w) correlate_block(k, s, d, c, 1, row, width, ow, f, yrow);
    }
}

CLONES static void correlate(int64_t k, int64_t out_h, int64_t out_w, int64_t width, int64_t c, int64_t s, int64_t d,
                             const float* p, const float* f, float* y) {
#define CORRELATE(K, S, D, C) correlate_k(K, out_h, out_w, width, C, S, D, p, f, y)
#define K3S1(C) CORRELATE(3, 1, 1, C)
#define K5S1(C) CORRELATE(5, 1, 1, C)
#define K3S2(C) CORRELATE(3, 2, 1, C)
#define K5S2(C) CORRELATE(5, 2, 1, C)
#define K3D2(C) CORRELATE(3, 1, 2, C)
#define K5D2(C) CORRELATE(5, 1, 2, C)
    if (k == 3 && s == 1 && d == 1) WITH_CHANNELS(c, K3S1);
    else if (k == 5 && s == 1 && d == 1) WITH_CHANNELS(c, K5S1);
    else if (k == 3 && s == 2 && d == 1) WITH_CHANNELS(c, K3S2);
    else if (k == 5 && s == 2 && d == 1) WITH_CHANNELS(c, K5S2);
    else if (k == 3 && s == 1 && d == 2) WITH_CHANNELS(c, K3D2);
    else if (k == 5 && s == 1 && d == 2) WITH_CHANNELS(c, K5D2);
    else CORRELATE(k, s, d, c);
#undef K3S1
#undef K5S1
#undef K3S2
#undef K5S2
#undef K3D2
#undef K5D2
#undef CORRELATE
}

/*
 * part[i, j, c] += sum_{oh, ow} p[oh*s + i*d, ow*s + j*d, c] * g[oh, ow, c] for the tap columns j in
 * [j0, j0 + jn), jn <= 8; p is `width` pixels wide.
 */
static inline __attribute__((always_inline)) void filter_gradient_k(const int64_t k, const int64_t j0, const int64_t jn,
        int64_t out_h, int64_t out_w, int64_t width, int64_t c, int64_t s, int64_t d, const float* p, const float* g,
        float* part) {
    const int64_t vc = c - c % 8;
    for (int64_t ch = 0; ch < vc; ch += 8) {
        for (int64_t i = 0; i < k; i++) {
            v8 even[8] = {{0}}, odd[8] = {{0}};
            for (int64_t oh = 0; oh < out_h; oh++) {
                const float* in = p + ((oh * s + i * d) * width + j0 * d) * c + ch;
                const float* grad = g + oh * out_w * c + ch;
                int64_t ow = 0;
                for (; ow + 2 <= out_w; ow += 2) {
                    const v8 g0 = *(const v8*) (grad + ow * c), g1 = *(const v8*) (grad + (ow + 1) * c);
                    for (int64_t j = 0; j < jn; j++) {
                        even[j] += *(const v8*) (in + (ow * s + j * d) * c) * g0;
                        odd[j] += *(const v8*) (in + ((ow + 1) * s + j * d) * c) * g1;
                    }
                }
                for (; ow < out_w; ow++) {
                    const v8 g0 = *(const v8*) (grad + ow * c);
                    for (int64_t j = 0; j < jn; j++) even[j] += *(const v8*) (in + (ow * s + j * d) * c) * g0;
                }
            }
            for (int64_t j = 0; j < jn; j++) *(v8*) (part + (i * k + j0 + j) * c + ch) += even[j] + odd[j];
        }
    }
    for (int64_t ch = vc; ch < c; ch++) {
        for (int64_t i = 0; i < k; i++) {
            for (int64_t j = j0; j < j0 + jn; j++) {
                float a = 0;
                for (int64_t oh = 0; oh < out_h; oh++) {
                    for (int64_t ow = 0; ow < out_w; ow++) {
                        a += p[((oh * s + i * d) * width + ow * s + j * d) * c + ch] * g[(oh * out_w + ow) * c + ch];
                    }
                }
                part[(i * k + j) * c + ch] += a;
            }
        }
    }
}

/* The depthwise filter gradient of a stride-1 convolution of dilation d (the separable op's only use of it). */
CLONES static void filter_gradient(int64_t k, int64_t d, int64_t out_h, int64_t out_w, int64_t width, int64_t c,
                                   const float* p, const float* g, float* part) {
#define GRADIENT(K, D, C) filter_gradient_k(K, 0, K, out_h, out_w, width, C, 1, D, p, g, part)
#define K3(C) GRADIENT(3, 1, C)
#define K5(C) GRADIENT(5, 1, C)
#define K3D2(C) GRADIENT(3, 2, C)
#define K5D2(C) GRADIENT(5, 2, C)
    if (k == 3 && d == 1) WITH_CHANNELS(c, K3);
    else if (k == 5 && d == 1) WITH_CHANNELS(c, K5);
    else if (k == 3 && d == 2) WITH_CHANNELS(c, K3D2);
    else if (k == 5 && d == 2) WITH_CHANNELS(c, K5D2);
    else {
        for (int64_t j0 = 0; j0 < k; j0 += 8) {
            filter_gradient_k(k, j0, k - j0 < 8 ? k - j0 : 8, out_h, out_w, width, c, 1, d, p, g, part);
        }
    }
#undef K3
#undef K5
#undef K3D2
#undef K5D2
#undef GRADIENT
}

/* Copies an h x w x c image into the interior of a zero border `pad` wide, applying a ReLU where `relu`. */
static void pad_image(const float* x, int64_t h, int64_t w, int64_t c, int64_t pad, int relu, float* out) {
    const int64_t width = w + 2 * pad;
    memset(out, 0, sizeof(float) * pad * width * c);
    memset(out + (pad + h) * width * c, 0, sizeof(float) * pad * width * c);
    for (int64_t r = 0; r < h; r++) {
        float* row = out + (pad + r) * width * c;
        memset(row, 0, sizeof(float) * pad * c);
        memset(row + (pad + w) * c, 0, sizeof(float) * pad * c);
        const float* in = x + r * w * c;
        float* dst = row + pad * c;
        if (relu) {
            for (int64_t t = 0; t < w * c; t++) dst[t] = in[t] > 0 ? in[t] : 0;
        } else {
            memcpy(dst, in, sizeof(float) * w * c);
        }
    }
}
/*
 * The separable convolution's half, [ReLU,] depthwise, 1x1 convolution, as one op: the depthwise output is
 * an image-sized scratch buffer that stays in cache and is never kept for the backward pass, which
 * recomputes it; the optional ReLU is applied to a scratch copy of each image, so neither its output nor the
 * depthwise one becomes a tensor. Shapes: input [N, H, W, C], depthwise filter [k, k, C, 1], pointwise
 * filter [1, 1, C, O].
 */
typedef struct {
    geometry g;
    int64_t out;
} separable_geometry;

/*
 * Reads and checks the geometry of input, depthwise and pointwise filter (w NULL for the depthwise op, whose
 * output has the input's channels); on bad shapes sets the status.
 */
static int read_separable(const attributes* a, const TF_Tensor* x, const TF_Tensor* f, const TF_Tensor* w,
                          separable_geometry* s, TF_Status* status) {
    if (!read_geometry(a, x, f, &s->g, status)) return 0;
    if (w == NULL) {
        s->out = s->g.c;
        return 1;
    }
    if (TF_NumDims(w) != 4 || TF_Dim(w, 0) != 1 || TF_Dim(w, 1) != 1 || TF_Dim(w, 2) != s->g.c || TF_Dim(w, 3) < 1) {
        TF_SetStatus(status, TF_INVALID_ARGUMENT, "pointwise filter must be [1, 1, channels, out] for the input's channels");
        return 0;
    }
    if (s->g.dilation > 1 && s->g.pad > s->g.dilation * (s->g.k - 1)) {
        TF_SetStatus(status, TF_INVALID_ARGUMENT, "a dilated convolution's padding must not exceed its filter's reach");
        return 0;
    }
    s->out = TF_Dim(w, 3);
    return 1;
}

/* Floats of one padded input image. */
static int64_t padded_size(const geometry* g) {
    return (g->h + 2 * g->pad) * (g->w + 2 * g->pad) * g->c;
}

/* Zero rows and columns around the output gradient that turn the stride-1 input gradient into a correlation. */
static int64_t gradient_margin(const geometry* g) {
    return g->dilation * (g->k - 1) - g->pad;
}

/* Whether the input gradient is the correlation of the padded output gradient with the flipped filter. */
static int gradient_is_correlation(const geometry* g) {
    return g->stride == 1 && g->pad <= g->dilation * (g->k - 1);
}

static int64_t forward_scratch_size(const separable_geometry* s) {
    return padded_size(&s->g) + s->g.oh * s->g.ow * s->g.c;
}

static int64_t backward_scratch_size(const separable_geometry* s) {
    const geometry* g = &s->g;
    const int64_t q = gradient_margin(g);
    const int64_t margin_size = gradient_is_correlation(g) ? (g->oh + 2 * q) * (g->ow + 2 * q) * g->c : padded_size(g);
    return padded_size(g) + 2 * g->oh * g->ow * g->c + margin_size + 2 * g->c * s->out + 2 * g->k * g->k * g->c;
}

static void separable_forward(const separable_geometry* s, int relu, const float* x, const float* f, const float* w,
                              float* y, float* scratch) {
    const geometry* g = &s->g;
    const int64_t in_size = g->h * g->w * g->c, pixels = g->oh * g->ow, width = g->w + 2 * g->pad;
    float* padded = scratch;
    float* d = padded + padded_size(g);
    for (int64_t n = 0; n < g->n; n++) {
        pad_image(x + n * in_size, g->h, g->w, g->c, g->pad, relu, padded);
        float* yn = y + n * pixels * s->out;
        correlate(g->k, g->oh, g->ow, width, g->c, g->stride, g->dilation, padded, f, w ? d : yn);
        if (w) pointwise(pixels, g->c, s->out, d, w, yn);
    }
}

/*
 * Per image: pad (and activate) the input, recompute the depthwise output d; dw += d^T dy; dd = dy w^T; the
 * depthwise filter gradient from the padded input and dd; the input gradient as the correlation of dd, padded,
 * with the flipped filter (stride 1) or scattered tap by tap (stride 2); the ReLU's gradient masks dx where
 * the input was not positive. Filter gradients are summed per image first.
 */
static void separable_backward(const separable_geometry* s, int relu, const float* x, const float* f, const float* w,
                               const float* dy, float* dx, float* df, float* dw, float* scratch) {
    const geometry* g = &s->g;
    const int64_t c = g->c, out = s->out, k = g->k, in_size = g->h * g->w * c, pixels = g->oh * g->ow;
    const int64_t taps_size = k * k * c, weights = c * out, width = g->w + 2 * g->pad, q = gradient_margin(g);
    const int correlation = gradient_is_correlation(g);
    float* padded = scratch;
    float* d = padded + padded_size(g);
    float* dd = d + pixels * c;
    float* margin = dd + pixels * c;
    float* transposed = margin + (correlation ? (g->oh + 2 * q) * (g->ow + 2 * q) * c : padded_size(g));
    float* flipped = transposed + weights;
    float* f_part = flipped + taps_size;
    float* w_part = f_part + taps_size;
    geometry padded_image = one_image(g);
    padded_image.h += 2 * g->pad;
    padded_image.w += 2 * g->pad;
    padded_image.pad = 0;
    for (int64_t i = 0; w && i < c; i++) {
        for (int64_t o = 0; o < out; o++) transposed[o * c + i] = w[i * out + o];
    }
    for (int64_t i = 0; i < k; i++) {
        for (int64_t j = 0; j < k; j++) {
            memcpy(flipped + ((k - 1 - i) * k + (k - 1 - j)) * c, f + (i * k + j) * c, sizeof(float) * c);
        }
    }
    memset(df, 0, sizeof(float) * taps_size);
    if (w) memset(dw, 0, sizeof(float) * weights);
    for (int64_t n = 0; n < g->n; n++) {
        const float* xn = x + n * in_size;
        const float* dyn = dy + n * pixels * out;
        float* dxn = dx + n * in_size;
        pad_image(xn, g->h, g->w, c, g->pad, relu, padded);
        const float* gradient = dyn; /* of the depthwise convolution's output */
        if (w) {
            correlate(k, g->oh, g->ow, width, c, g->stride, g->dilation, padded, f, d);
            memset(w_part, 0, sizeof(float) * weights);
            pointwise_filter_gradient(pixels, c, out, d, dyn, w_part);
            pointwise(pixels, out, c, dyn, transposed, dd);
            for (int64_t t = 0; t < weights; t++) dw[t] += w_part[t];
            gradient = dd;
        }
        memset(f_part, 0, sizeof(float) * taps_size);
        if (correlation) {
            filter_gradient(k, g->dilation, g->oh, g->ow, width, c, padded, gradient, f_part);
            pad_image(gradient, g->oh, g->ow, c, q, 0, margin);
            correlate(k, g->h, g->w, g->ow + 2 * q, c, 1, g->dilation, margin, flipped, dxn);
        } else {
            backward_image(&padded_image, padded, f, gradient, margin, f_part);
            for (int64_t r = 0; r < g->h; r++) {
                memcpy(dxn + r * g->w * c, margin + ((r + g->pad) * width + g->pad) * c, sizeof(float) * g->w * c);
            }
        }
        if (relu) {
            for (int64_t i = 0; i < in_size; i++) {
                if (!(xn[i] > 0)) dxn[i] = 0;
            }
        }
        for (int64_t t = 0; t < taps_size; t++) df[t] += f_part[t];
    }
}

/* Reads inputs 0 .. count-1 into *inputs[i]; stops at the first failure, which the status keeps. */
static void get_inputs(TF_OpKernelContext* ctx, TF_Tensor** inputs[], int count, TF_Status* status) {
    for (int i = 0; i < count && TF_GetCode(status) == TF_OK; i++) TF_GetInput(ctx, i, inputs[i], status);
}

/* Ends a kernel call: reports a failed status to TensorFlow and releases the tensors (NULL ones skipped). */
static void finish(TF_OpKernelContext* ctx, TF_Status* status, TF_Tensor* tensors[], int count) {
    if (TF_GetCode(status) != TF_OK) TF_OpKernelContext_Failure(ctx, status);
    for (int i = 0; i < count; i++) {
        if (tensors[i]) TF_DeleteTensor(tensors[i]);
    }
    TF_DeleteStatus(status);
}

/* Forward pass of both ops: the depthwise op is the separable one without ReLU and pointwise filter. */
static void compute_forward(void* kernel, TF_OpKernelContext* ctx) {
    const attributes* a = kernel;
    TF_Status* status = TF_NewStatus();
    TF_Tensor *x = NULL, *f = NULL, *w = NULL, *y = NULL;
    float* scratch = NULL;
    separable_geometry s;
    get_inputs(ctx, (TF_Tensor**[]) {&x, &f, &w}, a->separable ? 3 : 2, status);
    if (TF_GetCode(status) == TF_OK && read_separable(a, x, f, w, &s, status)) {
        const geometry* g = &s.g;
        int64_t dims[4] = {g->n, g->oh, g->ow, s.out};
        y = TF_AllocateOutput(ctx, 0, TF_FLOAT, dims, 4, sizeof(float) * g->n * g->oh * g->ow * s.out, status);
        if (TF_GetCode(status) == TF_OK) {
            scratch = thread_scratch(forward_scratch_size(&s) + 1);
            if (scratch == NULL) TF_SetStatus(status, TF_RESOURCE_EXHAUSTED, "out of memory for the padded input");
        }
        if (TF_GetCode(status) == TF_OK && g->n > 0) {
            separable_forward(&s, (int) a->relu_input, TF_TensorData(x), TF_TensorData(f), w ? TF_TensorData(w) : NULL,
                    TF_TensorData(y), scratch);
        }
    }
    finish(ctx, status, (TF_Tensor*[]) {x, f, w, y}, 4);
}

/* Gradient of both ops: inputs x, f, [w,] dy; outputs dx, df[, dw]. */
static void compute_backward(void* kernel, TF_OpKernelContext* ctx) {
    const attributes* a = kernel;
    TF_Status* status = TF_NewStatus();
    TF_Tensor *x = NULL, *f = NULL, *w = NULL, *dy = NULL, *dx = NULL, *df = NULL, *dw = NULL;
    float* scratch = NULL;
    separable_geometry s;
    if (a->separable) get_inputs(ctx, (TF_Tensor**[]) {&x, &f, &w, &dy}, 4, status);
    else get_inputs(ctx, (TF_Tensor**[]) {&x, &f, &dy}, 3, status);
    if (TF_GetCode(status) == TF_OK && read_separable(a, x, f, w, &s, status)) {
        if (TF_NumDims(dy) != 4 || TF_Dim(dy, 0) != s.g.n || TF_Dim(dy, 1) != s.g.oh || TF_Dim(dy, 2) != s.g.ow
                || TF_Dim(dy, 3) != s.out) {
            TF_SetStatus(status, TF_INVALID_ARGUMENT, "output gradient does not have the convolution's output shape");
        }
    }
    if (TF_GetCode(status) == TF_OK) {
        const geometry* g = &s.g;
        int64_t x_dims[4] = {g->n, g->h, g->w, g->c};
        int64_t f_dims[4] = {g->k, g->k, g->c, 1};
        int64_t w_dims[4] = {1, 1, g->c, s.out};
        dx = TF_AllocateOutput(ctx, 0, TF_FLOAT, x_dims, 4, sizeof(float) * g->n * g->h * g->w * g->c, status);
        if (TF_GetCode(status) == TF_OK) {
            df = TF_AllocateOutput(ctx, 1, TF_FLOAT, f_dims, 4, sizeof(float) * g->k * g->k * g->c, status);
        }
        if (TF_GetCode(status) == TF_OK && w) {
            dw = TF_AllocateOutput(ctx, 2, TF_FLOAT, w_dims, 4, sizeof(float) * g->c * s.out, status);
        }
        if (TF_GetCode(status) == TF_OK) {
            scratch = thread_scratch(backward_scratch_size(&s) + 1);
            if (scratch == NULL) TF_SetStatus(status, TF_RESOURCE_EXHAUSTED, "out of memory for the gradient");
        }
        if (TF_GetCode(status) == TF_OK) {
            separable_backward(&s, (int) a->relu_input, TF_TensorData(x), TF_TensorData(f), w ? TF_TensorData(w) : NULL,
                    TF_TensorData(dy), TF_TensorData(dx), TF_TensorData(df), dw ? TF_TensorData(dw) : NULL, scratch);
        }
    }
    finish(ctx, status, (TF_Tensor*[]) {x, f, w, dy, dx, df, dw}, 7);
}

static void unknown_shape(TF_ShapeInferenceContext* ctx, TF_Status* status) {
    TF_ShapeInferenceContextSetUnknownShape(ctx, status);
}

/* Gradient i has the shape of input i: input and filter(s). */
static void gradient_shapes_of(TF_ShapeInferenceContext* ctx, int count, TF_Status* status) {
    TF_ShapeHandle* handle = TF_NewShapeHandle();
    for (int i = 0; i < count && TF_GetCode(status) == TF_OK; i++) {
        TF_ShapeInferenceContextGetInput(ctx, i, handle, status);
        if (TF_GetCode(status) == TF_OK) TF_ShapeInferenceContextSetOutput(ctx, i, handle, status);
    }
    TF_DeleteShapeHandle(handle);
}

static void gradient_shapes(TF_ShapeInferenceContext* ctx, TF_Status* status) {
    gradient_shapes_of(ctx, 2, status);
}

static void separable_gradient_shapes(TF_ShapeInferenceContext* ctx, TF_Status* status) {
    gradient_shapes_of(ctx, 3, status);
}

/* Registers one op with its attributes (stride, padding; relu_input and dilation for the separable ones) and CPU kernel. */
static void register_op(const char* name, const char** inputs, const char** outputs, int separable,
                        void (*shape)(TF_ShapeInferenceContext*, TF_Status*),
                        void (*compute)(void*, TF_OpKernelContext*), TF_Status* status) {
    TF_OpDefinitionBuilder* op = TF_NewOpDefinitionBuilder(name);
    for (; *inputs; inputs++) TF_OpDefinitionBuilderAddInput(op, *inputs);
    for (; *outputs; outputs++) TF_OpDefinitionBuilderAddOutput(op, *outputs);
    TF_OpDefinitionBuilderAddAttr(op, "stride: int >= 1");
    TF_OpDefinitionBuilderAddAttr(op, "padding: int >= 0");
    if (separable) {
        TF_OpDefinitionBuilderAddAttr(op, "relu_input: int >= 0");
        TF_OpDefinitionBuilderAddAttr(op, "dilation: int >= 1");
    }
    TF_OpDefinitionBuilderSetShapeInferenceFunction(op, shape);
    TF_RegisterOpDefinition(op, status);
    if (TF_GetCode(status) != TF_OK) return;
    TF_KernelBuilder* builder = TF_NewKernelBuilder(name, "CPU", separable ? create_separable : create, compute, destroy);
    TF_RegisterKernelBuilder(name, builder, status);
}

__attribute__((constructor)) static void register_ops(void) {
    static const char* forward_inputs[] = {"input: float", "filter: float", NULL};
    static const char* forward_outputs[] = {"output: float", NULL};
    static const char* backward_inputs[] = {"input: float", "filter: float", "output_gradient: float", NULL};
    static const char* backward_outputs[] = {"input_gradient: float", "filter_gradient: float", NULL};
    static const char* separable_inputs[] = {"input: float", "depthwise_filter: float", "pointwise_filter: float", NULL};
    static const char* separable_backward_inputs[] = {"input: float", "depthwise_filter: float",
            "pointwise_filter: float", "output_gradient: float", NULL};
    static const char* separable_backward_outputs[] = {"input_gradient: float", "depthwise_filter_gradient: float",
            "pointwise_filter_gradient: float", NULL};
    TF_Status* status = TF_NewStatus();
    register_op("Snas4jDepthwiseConv2d", forward_inputs, forward_outputs, 0, unknown_shape, compute_forward, status);
    if (TF_GetCode(status) == TF_OK) {
        register_op("Snas4jDepthwiseConv2dGrad", backward_inputs, backward_outputs, 0, gradient_shapes, compute_backward,
                status);
    }
    if (TF_GetCode(status) == TF_OK) {
        register_op("Snas4jSeparableConv2d", separable_inputs, forward_outputs, 1, unknown_shape, compute_forward, status);
    }
    if (TF_GetCode(status) == TF_OK) {
        register_op("Snas4jSeparableConv2dGrad", separable_backward_inputs, separable_backward_outputs, 1,
                separable_gradient_shapes, compute_backward, status);
    }
    TF_DeleteStatus(status);
}
