package io.baas.fabric.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CouchDB index definitions in a code archive, where Fabric's peer looks for them, checked as the peer checks them. */
class CouchDbIndexesTest {

    private static final String OWNER_INDEX = "{\"index\":{\"fields\":[\"docType\",\"owner\"]},\"ddoc\":\"indexOwnerDoc\","
            + "\"name\":\"indexOwner\",\"type\":\"json\"}";

    @Test
    void channelAndCollectionIndexesAreFoundAndReported() {
        List<CouchDbIndexes.Index> indexes = CouchDbIndexes.of(List.of(
                file("connection.json", "{\"address\":\"cc:9999\"}"),
                TarEntry.directory("META-INF/statedb/couchdb/indexes/"),
                file("META-INF/statedb/couchdb/indexes/indexOwner.json", OWNER_INDEX),
                file("META-INF/statedb/couchdb/collections/collectionMarbles/indexes/byColor.json",
                        "{\"index\":{\"fields\":[{\"color\":\"desc\"}]}}")));

        assertThat(indexes).containsExactly(
                new CouchDbIndexes.Index("META-INF/statedb/couchdb/indexes/indexOwner.json", Optional.empty(), "indexOwner",
                        List.of("docType", "owner")),
                new CouchDbIndexes.Index("META-INF/statedb/couchdb/collections/collectionMarbles/indexes/byColor.json",
                        Optional.of("collectionMarbles"), "byColor", List.of("color desc")));
        assertThat(CouchDbIndexes.of(List.of(file("connection.json", "{}")))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "META-INF/statedb/couchdb/indexes/owner.txt|{\"index\":{\"fields\":[\"owner\"]}}|ends in .json",
            "META-INF/statedb/couchdb/indexes/deeper/owner.json|{\"index\":{\"fields\":[\"owner\"]}}|neither",
            "META-INF/statedb/couchdb/collections/bad.name/indexes/a.json|{\"index\":{\"fields\":[\"owner\"]}}|no collection name",
            "META-INF/statedb/couchdb/indexes/a.json|{not json|not JSON",
            "META-INF/statedb/couchdb/indexes/a.json|[1]|not a JSON object",
            "META-INF/statedb/couchdb/indexes/a.json|{\"index\":{\"fields\":[]}}|non-empty array",
            "META-INF/statedb/couchdb/indexes/a.json|{\"index\":{}}|non-empty array",
            "META-INF/statedb/couchdb/indexes/a.json|{\"index\":{\"fields\":[{\"owner\":\"up\"}]}}|asc or desc",
            "META-INF/statedb/couchdb/indexes/a.json|{\"index\":{\"fields\":[3]}}|a field name",
            "META-INF/statedb/couchdb/indexes/a.json|{\"index\":{\"fields\":[\"owner\"]},\"type\":\"text\"}|\"type\" is json",
            "META-INF/statedb/couchdb/indexes/a.json|{\"index\":{\"fields\":[\"owner\"]},\"ddoc\":7}|\"ddoc\" is a string",
            "META-INF/statedb/couchdb/indexes/a.json|{\"index\":{\"fields\":[\"owner\"]},\"partial\":{}}|no field of an index definition",
    })
    void eachBadIndexIsRefusedNamingItsFileAndWhy(String path, String content, String why) {
        assertThatThrownBy(() -> CouchDbIndexes.of(List.of(file(path, content))))
                .isInstanceOfSatisfying(ChaincodePackageException.class,
                        e -> assertThat(e.reason()).isEqualTo(ChaincodePackageException.Reason.INVALID_INDEX))
                .hasMessageContaining(path)
                .hasMessageContaining(why);
    }

    private static TarEntry file(String name, String content) {
        return TarEntry.file(name, ByteString.copyFromUtf8(content));
    }
}
