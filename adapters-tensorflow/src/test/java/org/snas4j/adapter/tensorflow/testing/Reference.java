package org.snas4j.adapter.tensorflow.testing;

import java.util.SplittableRandom;

/**
 * Naive loops with PyTorch's semantics (NHWC arrays, symmetric zero padding, floor output size),
 * the independent yardstick for the TensorFlow layers.
 */
public final class Reference {

    private Reference() {
    }

    /** A row-major NHWC feature map. */
    public record Map4(int n, int h, int w, int c, float[] data) {
        public Map4 {
            if (data.length != n * h * w * c) {
                throw new IllegalArgumentException("size mismatch");
            }
        }

        public static Map4 zeros(int n, int h, int w, int c) {
            return new Map4(n, h, w, c, new float[n * h * w * c]);
        }

        public static Map4 random(int n, int h, int w, int c, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            float[] d = new float[n * h * w * c];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) random.nextGaussian();
            }
            return new Map4(n, h, w, c, d);
        }

        public float get(int b, int y, int x, int ch) {
            return data[((b * h + y) * w + x) * c + ch];
        }

        public void set(int b, int y, int x, int ch, float v) {
            data[((b * h + y) * w + x) * c + ch] = v;
        }

        boolean inside(int y, int x) {
            return y >= 0 && y < h && x >= 0 && x < w;
        }
    }

    public static int outputSize(int size, int kernel, int stride, int padding, int dilation) {
        return Math.floorDiv(size + 2 * padding - dilation * (kernel - 1) - 1, stride) + 1;
    }

    /** Depthwise convolution; filter layout [k][k][c] flattened as TensorFlow's [k, k, c, 1]. */
    public static Map4 depthwise(Map4 x, float[] filter, int kernel, int stride, int padding, int dilation) {
        int oh = outputSize(x.h, kernel, stride, padding, dilation);
        int ow = outputSize(x.w, kernel, stride, padding, dilation);
        Map4 out = Map4.zeros(x.n, oh, ow, x.c);
        for (int b = 0; b < x.n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int ch = 0; ch < x.c; ch++) {
                        double s = 0;
                        for (int i = 0; i < kernel; i++) {
                            for (int j = 0; j < kernel; j++) {
                                int y = oy * stride - padding + i * dilation;
                                int xx = ox * stride - padding + j * dilation;
                                if (x.inside(y, xx)) {
                                    s += x.get(b, y, xx, ch) * filter[(i * kernel + j) * x.c + ch];
                                }
                            }
                        }
                        out.set(b, oy, ox, ch, (float) s);
                    }
                }
            }
        }
        return out;
    }

    /** Dense convolution; filter layout TensorFlow's [k, k, in, out]. */
    public static Map4 conv(Map4 x, float[] filter, int kernel, int outChannels, int stride, int padding) {
        int oh = outputSize(x.h, kernel, stride, padding, 1);
        int ow = outputSize(x.w, kernel, stride, padding, 1);
        Map4 out = Map4.zeros(x.n, oh, ow, outChannels);
        for (int b = 0; b < x.n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int o = 0; o < outChannels; o++) {
                        double s = 0;
                        for (int i = 0; i < kernel; i++) {
                            for (int j = 0; j < kernel; j++) {
                                int y = oy * stride - padding + i;
                                int xx = ox * stride - padding + j;
                                if (!x.inside(y, xx)) {
                                    continue;
                                }
                                for (int ch = 0; ch < x.c; ch++) {
                                    s += x.get(b, y, xx, ch) * filter[((i * kernel + j) * x.c + ch) * outChannels + o];
                                }
                            }
                        }
                        out.set(b, oy, ox, o, (float) s);
                    }
                }
            }
        }
        return out;
    }

    /** 3x3 pooling with padding 1; average excludes the padding from its count. */
    public static Map4 pool3x3(Map4 x, int stride, boolean max) {
        int oh = outputSize(x.h, 3, stride, 1, 1);
        int ow = outputSize(x.w, 3, stride, 1, 1);
        Map4 out = Map4.zeros(x.n, oh, ow, x.c);
        for (int b = 0; b < x.n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int ch = 0; ch < x.c; ch++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (int i = 0; i < 3; i++) {
                            for (int j = 0; j < 3; j++) {
                                int y = oy * stride - 1 + i;
                                int xx = ox * stride - 1 + j;
                                if (x.inside(y, xx)) {
                                    float v = x.get(b, y, xx, ch);
                                    acc = max ? Math.max(acc, v) : acc + v;
                                    count++;
                                }
                            }
                        }
                        out.set(b, oy, ox, ch, (float) (max ? acc : acc / count));
                    }
                }
            }
        }
        return out;
    }

    public static Map4 relu(Map4 x) {
        float[] d = x.data.clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(0f, d[i]);
        }
        return new Map4(x.n, x.h, x.w, x.c, d);
    }

    /** Training-mode batch normalisation without affine parameters (biased variance, eps 1e-5). */
    public static Map4 batchNorm(Map4 x) {
        Map4 out = Map4.zeros(x.n, x.h, x.w, x.c);
        int count = x.n * x.h * x.w;
        for (int ch = 0; ch < x.c; ch++) {
            double mean = 0;
            for (int i = ch; i < x.data.length; i += x.c) {
                mean += x.data[i];
            }
            mean /= count;
            double var = 0;
            for (int i = ch; i < x.data.length; i += x.c) {
                var += (x.data[i] - mean) * (x.data[i] - mean);
            }
            var /= count;
            double inv = 1 / Math.sqrt(var + 1e-5);
            for (int i = ch; i < x.data.length; i += x.c) {
                out.data[i] = (float) ((x.data[i] - mean) * inv);
            }
        }
        return out;
    }

    /** Rows and columns from (1, 1) on: {@code x[:, :, 1:, 1:]}. */
    public static Map4 shift(Map4 x) {
        Map4 out = Map4.zeros(x.n, x.h - 1, x.w - 1, x.c);
        for (int b = 0; b < x.n; b++) {
            for (int y = 1; y < x.h; y++) {
                for (int xx = 1; xx < x.w; xx++) {
                    for (int ch = 0; ch < x.c; ch++) {
                        out.set(b, y - 1, xx - 1, ch, x.get(b, y, xx, ch));
                    }
                }
            }
        }
        return out;
    }

    /** Channel concatenation. */
    public static Map4 concat(Map4 a, Map4 b) {
        Map4 out = Map4.zeros(a.n, a.h, a.w, a.c + b.c);
        for (int n = 0; n < a.n; n++) {
            for (int y = 0; y < a.h; y++) {
                for (int x = 0; x < a.w; x++) {
                    for (int ch = 0; ch < a.c; ch++) {
                        out.set(n, y, x, ch, a.get(n, y, x, ch));
                    }
                    for (int ch = 0; ch < b.c; ch++) {
                        out.set(n, y, x, a.c + ch, b.get(n, y, x, ch));
                    }
                }
            }
        }
        return out;
    }
}
