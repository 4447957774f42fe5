package org.azukari.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The runnable bank: every module wired into one Spring Boot application. Started as
 * {@code azukari-server.jar operator <command> ...} or {@code azukari-server.jar audit verify} it
 * runs one command without a web server and exits with the command's exit code.
 */
@SpringBootApplication(scanBasePackages = "org.azukari")
@ConfigurationPropertiesScan("org.azukari")
public class AzukariApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(AzukariApplication.class);
        if (args.length > 0 && ("operator".equals(args[0]) || "audit".equals(args[0]))) {
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setDefaultProperties(java.util.Map.of("azukari.cli.enabled", "true",
                    "spring.main.banner-mode", "off", "logging.level.root", "WARN"));
            System.exit(SpringApplication.exit(application.run(args)));
        }
        application.run(args);
    }
}
