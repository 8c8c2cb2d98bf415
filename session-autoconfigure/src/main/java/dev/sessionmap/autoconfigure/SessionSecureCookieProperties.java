package dev.sessionmap.autoconfigure;

import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

import dev.sessionmap.store.cookie.SecureCookieSessionStore;

/** The secure-cookie store. */
public class SessionSecureCookieProperties {

    /**
     * Heap the store may use to remember the cookies it recently opened or sealed, so
     * that one a browser sends again is neither decrypted nor parsed again; 0 turns it
     * off. A bare number is megabytes.
     */
    @DataSizeUnit(DataUnit.MEGABYTES)
    private DataSize cacheSize = DataSize.ofBytes(SecureCookieSessionStore.DEFAULT_CACHE_BYTES);

    public DataSize getCacheSize() {
        return this.cacheSize;
    }

    public void setCacheSize(DataSize cacheSize) {
        this.cacheSize = cacheSize;
    }

}
