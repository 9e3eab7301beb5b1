package org.bourse.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedOriginsTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9011", "http://localhost", "https://LOCALHOST:8443", "http://[::1]:9011",
        "http://127.0.0.1"})
    void pagesOfThisMachineAreAllowed(String origin) {
        assertThat(AllowedOrigins.LOOPBACK.allows(origin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "http://127.0.0.1.evil.example:9011", "null", "file://",
        "ws://127.0.0.1:9010", "http://127.0.0.2:9011", "http://192.168.1.5:9011", "", "::"})
    void anyOtherPageIsRefused(String origin) {
        assertThat(AllowedOrigins.LOOPBACK.allows(origin)).isFalse();
    }

    @Test
    void aProgramSendsNoOriginAndIsNotConcerned() {
        assertThat(AllowedOrigins.LOOPBACK.allows(null)).isTrue();
    }

    @Test
    void anAddedOriginIsAllowedExactlyAsABrowserWritesIt() {
        AllowedOrigins origins = AllowedOrigins.LOOPBACK.with("http://192.168.1.5:9011");
        assertThat(origins.allows("http://192.168.1.5:9011")).isTrue();
        assertThat(origins.allows("HTTP://192.168.1.5:9011")).isTrue();
        assertThat(origins.allows("http://192.168.1.5:9012")).isFalse();
        assertThat(origins.allows("http://192.168.1.5")).isFalse();
        assertThat(origins.allows("http://localhost:1")).isTrue();
    }

    @Test
    void somethingThatIsNotAnOriginCannotBeAdded() {
        assertThatThrownBy(() -> AllowedOrigins.LOOPBACK.with("http://host/path"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an origin");
        assertThatThrownBy(() -> AllowedOrigins.LOOPBACK.with("192.168.1.5:9011"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHostHeaderNamesThisMachineOrNot() {
        assertThat(AllowedOrigins.isLoopbackHost("127.0.0.1:9011")).isTrue();
        assertThat(AllowedOrigins.isLoopbackHost("localhost")).isTrue();
        assertThat(AllowedOrigins.isLoopbackHost("[::1]:9011")).isTrue();
        assertThat(AllowedOrigins.isLoopbackHost("attacker.example:9011")).isFalse();
        assertThat(AllowedOrigins.isLoopbackHost(null)).isFalse();
    }
}
