package dev.sessionmap.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * The servlet {@code HttpSession} of each request, under
 * {@code app.session.http-session}.
 */
public class HttpSessionProperties {

    /**
     * Whether each request's servlet HttpSession is the visitor's sessionmap session, so
     * that Spring Security and every other HttpSession user share it and the container
     * never sets a JSESSIONID. false leaves the servlet session to the container.
     */
    private boolean enabled = true;

    /**
     * Classes, or packages as com.example.session.*, whose instances may be stored as
     * HttpSession attributes with their type recorded, besides Spring Security's own
     * types and the JDK's collections, numbers and java.time types. Setting an attribute
     * of any other class fails with a SessionValueException.
     */
    private List<String> allowedTypes = new ArrayList<>();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getAllowedTypes() {
        return this.allowedTypes;
    }

    public void setAllowedTypes(List<String> allowedTypes) {
        this.allowedTypes = allowedTypes;
    }

}
