package dev.fxnet.spark;

import dev.fxnet.engine.Engine;
import dev.fxnet.engine.EngineProvider;

/** {@code --engine spark}: opens a {@link SparkEngine} on {@code --master} (a {@code META-INF/services} entry). */
public final class SparkEngineProvider implements EngineProvider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Engine open(String master, int threads) {
        return SparkEngine.open(SparkMaster.parse(master));
    }
}
