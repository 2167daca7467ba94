package io.cronshard.console.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.cronshard.console.registry.RegistryCenterConfig;
import io.cronshard.console.registry.RegistryCenters;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The current user, and the registry centers the console knows. Digests are never returned.
 */
@RestController
@RequestMapping("/api")
public class RegistryCenterController {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final RegistryCenters registryCenters;

    RegistryCenterController(RegistryCenters registryCenters) {
        this.registryCenters = registryCenters;
    }

    /** The logged-in user: {@code {"username": "...", "roles": ["ADMIN"], "admin": true}}. */
    @GetMapping("/me")
    Map<String, Object> me(Authentication authentication) {
        List<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(each -> each.startsWith("ROLE_")).map(each -> each.substring(5)).sorted().toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("username", authentication.getName());
        result.put("roles", roles);
        result.put("admin", roles.contains("ADMIN"));
        return result;
    }

    @GetMapping("/registry-centers")
    List<Map<String, Object>> list() {
        return registryCenters.list().stream().map(RegistryCenterController::view).toList();
    }

    @PostMapping("/registry-centers")
    ResponseEntity<Map<String, Object>> add(@RequestBody Map<String, Object> body) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = text(body, "name");
        String serverLists = text(body, "serverLists");
        String namespace = text(body, "namespace");
        String digest = text(body, "digest");
        if (name == null || !NAME.matcher(name).matches()) {
            errors.put("name", "1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (serverLists == null || serverLists.isBlank()) {
            errors.put("serverLists", "Required: host:port[,host:port…]");
        }
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            errors.put("namespace", "1 to 128 letters, digits, '.', '_' or '-'");
        }
        if (digest != null && !digest.isEmpty() && !digest.contains(":")) {
            errors.put("digest", "user:password, or empty");
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        RegistryCenterConfig config = new RegistryCenterConfig(name, serverLists.trim(), namespace,
                digest == null || digest.isEmpty() ? null : digest);
        try {
            registryCenters.probe(config);
        } catch (RuntimeException ex) {
            throw ApiException.invalid(Map.of("serverLists", "Cannot connect: " + ex.getMessage()));
        }
        registryCenters.add(config);
        return ResponseEntity.status(HttpStatus.CREATED).body(view(config));
    }

    @DeleteMapping("/registry-centers/{name}")
    ResponseEntity<Void> remove(@PathVariable String name) {
        if (!registryCenters.remove(name)) {
            throw ApiException.notFound("No registry center named '" + name + "'");
        }
        return ResponseEntity.noContent().build();
    }

    private static String text(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value != null && !(value instanceof String)) {
            throw ApiException.invalid(Map.of(field, "Must be text"));
        }
        return (String) value;
    }

    private static Map<String, Object> view(RegistryCenterConfig config) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", config.name());
        result.put("serverLists", config.serverLists());
        result.put("namespace", config.namespace());
        result.put("digest", config.digest() != null);
        return result;
    }
}
