package dev.fxnet.compare;

import dev.fxnet.activation.Activation;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.gadget.Question;
import dev.fxnet.gadget.Setting;
import dev.fxnet.theory.SaturationTheorem;
import dev.fxnet.theory.Universality;
import dev.fxnet.theory.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Fixed point and floating point side by side: the result of {@link #run} for a
 * {@link ComparisonPlan}. Every figure is computed by the library when the comparison runs: the
 * format facts exactly ({@link FormatFacts}), the verdicts by {@code Universality.check} ({@code PER_OP},
 * general weights), the networks compiled and verified on every point ({@link NetworkSize}), the
 * roundings {@code rho_F(g(x))} certified ({@link ApproximationError}). Sections not in the plan are empty.
 *
 * @param plan what was computed
 * @param facts one per format
 * @param verdicts one per format and activation, format by format
 * @param sizes one per format
 * @param errors one per format and test function whose interval holds at most
 *     {@link ApproximationError#MAX_POINTS} values, format by format
 * @param notes what was left out and why (formats whose error figures were not computed)
 */
public record Comparison(ComparisonPlan plan, List<FormatFacts> facts, List<VerdictCell> verdicts,
        List<NetworkSize> sizes, List<ApproximationError> errors, List<String> notes) {

    public Comparison {
        facts = List.copyOf(facts);
        verdicts = List.copyOf(verdicts);
        sizes = List.copyOf(sizes);
        errors = List.copyOf(errors);
        notes = List.copyOf(notes);
    }

    /**
     * Runs the plan; verdicts are decided on {@code threads} worker threads, the rest in order.
     * {@code progress} is told of every unit of {@link ComparisonPlan#work} as it is done.
     */
    public static Comparison run(ComparisonPlan plan, int threads, LongConsumer progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        List<FormatFacts> facts = new ArrayList<>();
        for (Arithmetic ar : plan.formats()) {
            facts.add(FormatFacts.of(ar));
        }
        List<VerdictCell> verdicts = plan.has(ComparisonPlan.Section.VERDICTS) ? verdicts(plan, threads, progress)
                : List.of();
        List<NetworkSize> sizes = new ArrayList<>();
        if (plan.has(ComparisonPlan.Section.SIZE)) {
            for (Arithmetic ar : plan.formats()) {
                sizes.add(NetworkSize.of(ar, plan.sizeActivation(), plan.seed()));
                progress.accept(1);
            }
        }
        List<ApproximationError> errors = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (plan.has(ComparisonPlan.Section.ERROR)) {
            errors(plan, progress, errors, notes);
        }
        return new Comparison(plan, facts, verdicts, sizes, errors, notes);
    }

    private static void errors(ComparisonPlan plan, LongConsumer progress, List<ApproximationError> errors,
            List<String> notes) {
        for (Arithmetic ar : plan.formats()) {
            long n = ApproximationError.pointsIn(ar, plan.a(), plan.b());
            if (n > ApproximationError.MAX_POINTS) {
                notes.add(CompareFormats.name(ar) + " has " + n + " values in [" + plan.a().toPlainString() + ", "
                        + plan.b().toPlainString() + "], more than the " + ApproximationError.MAX_POINTS
                        + " compare evaluates: its error figures are left out");
                progress.accept(plan.functions().size());
                continue;
            }
            for (TestFunction g : plan.functions()) {
                errors.add(ApproximationError.of(ar, g, plan.a(), plan.b()));
                progress.accept(1);
            }
        }
    }

    /** The verdict grid, format by format, decided in parallel. */
    private static List<VerdictCell> verdicts(ComparisonPlan plan, int threads, LongConsumer progress) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "compare-verdict");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<VerdictCell>> cells = new ArrayList<>();
            for (Arithmetic ar : plan.formats()) {
                for (Activation sigma : plan.activations()) {
                    cells.add(pool.submit(() -> {
                        VerdictCell c = cell(plan, ar, sigma);
                        progress.accept(1);
                        return c;
                    }));
                }
            }
            List<VerdictCell> out = new ArrayList<>();
            for (Future<VerdictCell> f : cells) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deciding verdicts", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The verdict of one format and activation, or why it is not computed: above the plan's verdict
     * limit only where Theorem P applies (checked from the format's parameters, without tabulating F),
     * since the finite checks tabulate F (minutes per activation at 16 bits).
     */
    static VerdictCell cell(ComparisonPlan plan, Arithmetic ar, Activation sigma) {
        String name = CompareFormats.name(ar);
        Setting setting = Setting.of(ar, Accumulation.PER_OP, sigma);
        if (ar.size() > plan.verdictLimit()) {
            SaturationTheorem.Result p = SaturationTheorem.check(setting);
            if (!p.holds()) {
                return VerdictCell.skipped(name, sigma.name(), "not computed: |F| = " + ar.size() + " finite values > "
                        + plan.verdictLimit() + " and " + SaturationTheorem.NAME + " does not apply (" + p.reason()
                        + "); the finite checks tabulate F, minutes per activation at this size: raise --verdict-limit"
                        + " to run them");
            }
        }
        Verdict v = Universality.check(Question.of(setting));
        return VerdictCell.of(name, sigma.name(), v);
    }
}
