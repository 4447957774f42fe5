package org.azukari.server.security;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Puts {@link EdgeErrorReportValve} in the host pipeline, behind Boot's own report valve, so
 * it answers first. Runs after Boot's Tomcat customizer.
 */
@Component
class EdgeErrorReportValveCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof Host host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof EdgeErrorReportValve) {
                        return;
                    }
                }
                if (host instanceof StandardHost standard) {
                    standard.setErrorReportValveClass(EdgeErrorReportValve.class.getName());
                }
                host.getPipeline().addValve(new EdgeErrorReportValve());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
