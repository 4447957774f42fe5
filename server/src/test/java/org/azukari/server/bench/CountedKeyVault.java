package org.azukari.server.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;
import org.azukari.trustbank.keys.KeyVault;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Counts the bank's calls to its key vault (each one a round trip to OpenBao): the {@link KeyVault}
 * bean is the vault itself, below the data-key cache, so what passes here is what the vault sees.
 */
final class CountedKeyVault implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private final AtomicLong calls = new AtomicLong();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof KeyVault vault ? counted(vault) : bean;
            }
        });
    }

    /** Calls since the last reset. */
    long calls() {
        return calls.get();
    }

    void reset() {
        calls.set(0);
    }

    private KeyVault counted(KeyVault vault) {
        InvocationHandler counting = (proxy, method, arguments) -> {
            if (method.getDeclaringClass() == KeyVault.class) {
                calls.incrementAndGet();
            }
            try {
                return method.invoke(vault, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (KeyVault) Proxy.newProxyInstance(KeyVault.class.getClassLoader(), new Class<?>[] {KeyVault.class},
                counting);
    }
}
