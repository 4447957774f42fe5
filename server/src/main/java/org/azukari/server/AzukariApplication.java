package org.azukari.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The runnable bank: every module wired into one Spring Boot application. */
@SpringBootApplication(scanBasePackages = "org.azukari")
@ConfigurationPropertiesScan("org.azukari")
public class AzukariApplication {

    public static void main(String[] args) {
        SpringApplication.run(AzukariApplication.class, args);
    }
}
