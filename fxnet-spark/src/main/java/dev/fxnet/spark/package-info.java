/**
 * The Spark engine: fxnet's work units ({@link dev.fxnet.engine.InputRange ranges} of input indices,
 * {@link dev.fxnet.engine.SettingKey setting keys}) as the elements of a Spark RDD, one per
 * partition, so each is one Spark task; results collected in partition order, hence in unit order.
 * Found by {@link java.util.ServiceLoader} through {@link dev.fxnet.spark.SparkEngineProvider} when
 * the user passes {@code --engine spark}.
 */
package dev.fxnet.spark;
