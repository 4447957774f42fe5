package org.azukari.server.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole bank, demo data off, on the services infra/test runs ({@link ProductionServices}):
 * PostgreSQL in a schema of the test class's own, OpenBao through the bank's AppRole,
 * Elasticsearch under an index prefix of its own. The context is closed after the class, and the
 * schema dropped with it; a test adds its own properties with {@code @TestPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(properties = "azukari.demo.enabled=false")
@ContextConfiguration(initializers = ProductionServices.class)
@DirtiesContext
public @interface OnProductionServices {

    @AliasFor(annotation = SpringBootTest.class, attribute = "webEnvironment")
    SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.RANDOM_PORT;
}
