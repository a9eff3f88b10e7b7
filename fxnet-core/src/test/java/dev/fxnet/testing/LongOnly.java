package dev.fxnet.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A test class or method that runs only in the long profile ({@code mvn -B test -Plong};
 * {@link LongTests}); the default suite keeps a smaller representative of what it checks, named in
 * the test's Javadoc.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfSystemProperty(named = LongTests.PROPERTY, matches = "true",
        disabledReason = "long profile only: mvn -B test -Plong")
public @interface LongOnly {
}
