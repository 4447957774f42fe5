package org.azukari.fhir.bench;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binstore.MemoryBinaryStorageSvcImpl;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Files;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.azukari.trustbank.testing.PostgresDatabase;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * {@code infra/bench ingest-vs-hapi}'s baseline: a plain HAPI FHIR JPA server (R4) on the shared
 * PostgreSQL, in a PostgreSQL schema of its own (dropped at the end), on a loopback port, set up
 * the way hapi-fhir-jpaserver-starter sets it up minus full-text search, subscriptions and the
 * tester UI; no validation, as the starter ships. Run as its own process by
 * {@code IngestVsHapiBenchmark}: prints {@code READY <base URL>} once it answers and stops when
 * its standard input closes.
 *
 * <p>Needs the {@code AZUKARI_IT_PG_*} environment (infra/bench sources it).
 */
public final class PlainHapiJpaServer {

    private static PostgresDatabase database;

    private PlainHapiJpaServer() {
    }

    public static void main(String[] args) throws Exception {
        database = new PostgresDatabase();
        Tomcat tomcat = null;
        try (AnnotationConfigApplicationContext jpa = new AnnotationConfigApplicationContext(JpaServerConfig.class)) {
            tomcat = new Tomcat();
            tomcat.setBaseDir(Files.createTempDirectory("plain-hapi").toString());
            Connector connector = new Connector();
            connector.setPort(0);
            connector.setProperty("address", "127.0.0.1");
            tomcat.setConnector(connector);
            Context context = tomcat.addContext("", null);
            RestfulServer server = new RestfulServer(jpa.getBean(FhirContext.class));
            server.registerProviders(jpa.getBean(ResourceProviderFactory.class).createProviders());
            server.registerProvider(jpa.getBean(JpaSystemProvider.class));
            server.setPagingProvider(jpa.getBean(DatabaseBackedPagingProvider.class));
            server.setDefaultResponseEncoding(EncodingEnum.JSON);
            Tomcat.addServlet(context, "fhir", server).setLoadOnStartup(1);
            context.addServletMappingDecoded("/fhir/*", "fhir");
            tomcat.start();
            System.out.println("READY http://127.0.0.1:" + connector.getLocalPort() + "/fhir");
            System.out.flush();
            while (System.in.read() >= 0) {
                // the benchmark holds our standard input open for as long as it needs us
            }
        } finally {
            if (tomcat != null) {
                tomcat.stop();
                tomcat.destroy();
            }
            database.close();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import({JpaR4Config.class, HapiJpaConfig.class, JpaBatch2Config.class, Batch2JobsConfig.class,
            SubscriptionChannelConfig.class, ThreadPoolFactoryConfig.class})
    static class JpaServerConfig {

        /** Not closed with the context: main drops the schema through it afterwards. */
        @Bean(destroyMethod = "")
        DataSource dataSource() {
            return database.dataSource();
        }

        @Bean
        JpaStorageSettings storageSettings() {
            JpaStorageSettings settings = new JpaStorageSettings();
            settings.setAllowExternalReferences(true);
            return settings;
        }

        @Bean
        PartitionSettings partitionSettings() {
            return new PartitionSettings();
        }

        @Bean
        LocalContainerEntityManagerFactoryBean entityManagerFactory(ConfigurableListableBeanFactory beans,
                                                                    FhirContext fhir, JpaStorageSettings settings,
                                                                    DataSource dataSource) {
            LocalContainerEntityManagerFactoryBean factory =
                    HapiEntityManagerFactoryUtil.newEntityManagerFactory(beans, fhir, settings);
            factory.setPersistenceUnitName("HAPI_PU");
            factory.setDataSource(dataSource);
            Properties jpa = new Properties();
            jpa.put("hibernate.dialect", HapiFhirPostgresDialect.class.getName());
            jpa.put("hibernate.hbm2ddl.auto", "update");
            // else Hibernate's schema update sees another schema's HAPI tables and creates none here
            jpa.put("hibernate.default_schema", database.schema());
            jpa.put("hibernate.search.enabled", "false");
            jpa.put("hibernate.format_sql", "false");
            jpa.put("hibernate.show_sql", "false");
            factory.setJpaProperties(jpa);
            return factory;
        }

        @Bean
        JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
            return new JpaTransactionManager(entityManagerFactory);
        }

        @Bean
        IBinaryStorageSvc binaryStorage() {
            return new MemoryBinaryStorageSvcImpl();
        }

        @Bean
        DatabaseBackedPagingProvider databaseBackedPagingProvider() {
            DatabaseBackedPagingProvider paging = new DatabaseBackedPagingProvider();
            paging.setDefaultPageSize(20);
            paging.setMaximumPageSize(500);
            return paging;
        }
    }
}
