package org.azukari.accesslog.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.http.HttpHost;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentPolicyError;
import org.elasticsearch.client.RestClient;

/**
 * Builds the Elasticsearch client from validated settings: the low-level {@link RestClient}
 * with explicit connect and socket timeouts, and the typed client over it with Jackson.
 * Unknown fields in a stored document fail its mapping (strict both ways).
 */
final class ElasticsearchClients {

    private ElasticsearchClients() {
    }

    static ElasticsearchClient create(ElasticsearchSettings settings) {
        if (!settings.enabled()) {
            throw new BadInputException(ConsentPolicyError.CP_0150, "azukari.access-log.elasticsearch.url is not set");
        }
        RestClient rest = RestClient.builder(HttpHost.create(settings.url()))
                .setRequestConfigCallback(request -> request
                        .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                        .setConnectionRequestTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                        .setSocketTimeout(Math.toIntExact(settings.socketTimeout().toMillis())))
                .build();
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        return new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(mapper)));
    }

    static void close(ElasticsearchClient client) {
        // closes the transport and with it the RestClient
        try {
            client._transport().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
