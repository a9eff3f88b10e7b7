package dev.fxnet.bench;

/**
 * The C program of {@link VerificationBench}: includes the exported {@code net.c}, times
 * {@code fxnet_eval_all} (best of {@code argv[1]} runs, {@code CLOCK_MONOTONIC}, evaluation only;
 * with the process CPU time of that run from {@code clock()}),
 * then {@code fxnet_eval} point by point on the first {@code argv[2]} points (compared with the
 * walk's outputs), writes the walk's outputs (int32, native byte order) to {@code argv[3]} and
 * prints {@code best_all_seconds its_cpu_seconds per_point_seconds points_run mismatches}.
 */
final class CDriver {
    static final String SOURCE = """
            #define _POSIX_C_SOURCE 199309L
            #include "net.c"
            #include <stdio.h>
            #include <stdlib.h>
            #include <time.h>

            static double fx_now(void)
            {
                struct timespec t;
                clock_gettime(CLOCK_MONOTONIC, &t);
                return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
            }

            int main(int argc, char **argv)
            {
                int reps = argc > 1 ? atoi(argv[1]) : 1;
                long long limit = argc > 2 ? atoll(argv[2]) : 0;
                int64_t n = FXNET_POINTS;
                int64_t p;
                int32_t *y = malloc(sizeof(int32_t) * (size_t) (n * FXNET_OUTPUTS));
                int32_t x[FXNET_INPUTS];
                int32_t yy[FXNET_OUTPUTS];
                double best = 1e300;
                double bestCpu = 0;
                double t0;
                clock_t c0;
                long long bad = 0;
                int r, i;
                FILE *f;
                if (y == NULL || argc < 4) {
                    return 2;
                }
                for (r = 0; r < reps; r++) {
                    c0 = clock();
                    t0 = fx_now();
                    if (fxnet_eval_all(y) != 0) {
                        return 4;
                    }
                    t0 = fx_now() - t0;
                    if (t0 < best) {
                        best = t0;
                        bestCpu = (double) (clock() - c0) / CLOCKS_PER_SEC;
                    }
                }
                for (i = 0; i < FXNET_INPUTS; i++) {
                    x[i] = (int32_t) FXNET_MIN_CODE;
                }
                if (limit > n) {
                    limit = n;
                }
                t0 = fx_now();
                for (p = 0; p < limit; p++) {
                    fxnet_eval(x, yy);
                    for (i = 0; i < FXNET_OUTPUTS; i++) {
                        bad += yy[i] != y[p * FXNET_OUTPUTS + i];
                    }
                    i = FXNET_INPUTS - 1;
                    while (i >= 0 && x[i] == FXNET_MAX_CODE) {
                        x[i] = (int32_t) FXNET_MIN_CODE;
                        i--;
                    }
                    if (i >= 0) {
                        x[i]++;
                    }
                }
                t0 = fx_now() - t0;
                f = fopen(argv[3], "wb");
                if (f == NULL || fwrite(y, sizeof(int32_t), (size_t) (n * FXNET_OUTPUTS), f) != (size_t) (n * FXNET_OUTPUTS)) {
                    return 3;
                }
                fclose(f);
                printf("%.9f %.9f %.9f %lld %lld\\n", best, bestCpu, t0, limit, bad);
                free(y);
                return 0;
            }
            """;

    private CDriver() {
    }
}
