package io.baas.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

class EvidenceCertificateTest {

    private static final String DIGEST = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";
    private static final String OWNER_ID = "x509::CN=alice-the-long-named-client,OU=client,OU=org1,OU=department1,"
            + "O=Org1 Example Incorporated,L=San Francisco,ST=California,C=US"
            + "::CN=ca.org1.example.com,O=org1.example.com,L=San Francisco,ST=California,C=US";
    private static final String TX_ID = "8a1c0f3d5e7b9a2c4e6f8091a3b5c7d9e1f20314253647586970a1b2c3d4e5f6";
    private static final String VERIFY_URL = "https://baas.example.com/api/v1/evidence/verify?digest=sha512:"
            + DIGEST.substring(0, 16);
    private static final List<String> ENDORSERS = List.of("Org1MSP", "Org2MSP", "Org3MSP");

    private static EvidenceCertificate.Facts facts(String title) {
        return new EvidenceCertificate.Facts(title, "SHA-512", DIGEST, "evidence-channel", "notarization",
                "Org1MSP", OWNER_ID, "alice", Instant.parse("2025-03-04T05:06:07.123Z"), TX_ID, 4711L,
                ENDORSERS, VERIFY_URL, Instant.parse("2025-03-04T06:00:00Z"));
    }

    @Test
    void statesTheFactsOfTheReceiptOnOnePage() throws IOException {
        try (PDDocument document = Loader.loadPDF(EvidenceCertificate.render(facts("租赁合同 lease")))) {
            String text = new PDFTextStripper().getText(document);
            String joined = text.replaceAll("\\s+", "");

            assertThat(document.getNumberOfPages()).isEqualTo(1);
            assertThat(text).contains("Evidence Certificate", "???? lease", "4711", "alice",
                    "2025-03-04T05:06:07.123Z", "Issued 2025-03-04T06:00:00Z by ks-baas");
            assertThat(text).contains(ENDORSERS);
            assertThat(joined).contains(DIGEST, TX_ID, VERIFY_URL, OWNER_ID.replaceAll("\\s+", ""));
            assertThat(document.getDocumentInformation().getTitle())
                    .isEqualTo("Evidence Certificate SHA-512:" + DIGEST);
            assertThat(document.getDocumentInformation().getCreator()).isEqualTo("ks-baas");
            assertThat(document.getDocumentInformation().getCreationDate().toInstant())
                    .isEqualTo(Instant.parse("2025-03-04T06:00:00Z"));
        }
    }

    @Test
    void linksTheVerifyUrl() throws IOException {
        try (PDDocument document = Loader.loadPDF(EvidenceCertificate.render(facts("lease")))) {
            List<String> uris = new ArrayList<>();
            for (var annotation : document.getPage(0).getAnnotations()) {
                if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI action) {
                    uris.add(action.getURI());
                }
            }

            assertThat(uris).isNotEmpty().containsOnly(VERIFY_URL);
        }
    }

    @Test
    void drawsNothingBeyondTheRightEdge() throws IOException {
        String longTitle = "lease ".repeat(20) + "x".repeat(136);
        try (PDDocument document = Loader.loadPDF(EvidenceCertificate.render(facts(longTitle)))) {
            PDPage page = document.getPage(0);
            List<TextPosition> positions = positions(document);

            assertThat(positions).isNotEmpty();
            assertThat(positions).allSatisfy(p -> {
                assertThat(p.getX()).isGreaterThanOrEqualTo(0);
                assertThat(p.getX() + p.getWidth()).isLessThanOrEqualTo(page.getMediaBox().getWidth());
            });
        }
    }

    @Test
    void showsCharactersOutsideWinAnsiAsQuestionMarks() throws IOException {
        String title = "合同 № 7 — naïve 😀\tend";
        try (PDDocument document = Loader.loadPDF(EvidenceCertificate.render(facts(title)))) {
            String text = new PDFTextStripper().getText(document);

            assertThat(text).contains("?? ? 7 — naïve ? end");
            assertThat(document.getDocumentInformation().getTitle()).contains(DIGEST);
        }
    }

    @Test
    void rendersTheSameFactsToTheSameBytes() {
        assertThat(EvidenceCertificate.render(facts("lease"))).isEqualTo(EvidenceCertificate.render(facts("lease")));
    }

    @Test
    void leavesOutTheUserWhenNoneIsKnown() throws IOException {
        var facts = facts("lease");
        var withoutUser = new EvidenceCertificate.Facts(facts.title(), facts.hashAlgorithm(), facts.digest(),
                facts.channel(), facts.chaincode(), facts.organizationMspId(), facts.ownerId(), null,
                facts.transactionTime(), facts.transactionId(), facts.blockNumber(), facts.endorsingMspIds(),
                facts.verifyUrl(), facts.issuedAt());
        try (PDDocument document = Loader.loadPDF(EvidenceCertificate.render(withoutUser))) {
            assertThat(new PDFTextStripper().getText(document)).doesNotContain("Recorded by user");
        }
    }

    @Test
    void requiresTheFacts() {
        assertThatNullPointerException().isThrownBy(() -> new EvidenceCertificate.Facts("lease", "SHA-512", null,
                "ch", "cc", "Org1MSP", OWNER_ID, null, Instant.EPOCH, TX_ID, 1, ENDORSERS, VERIFY_URL, Instant.EPOCH));
    }

    private static List<TextPosition> positions(PDDocument document) throws IOException {
        List<TextPosition> positions = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> textPositions) throws IOException {
                positions.addAll(textPositions);
                super.writeString(text, textPositions);
            }
        };
        stripper.getText(document);
        return positions;
    }
}
