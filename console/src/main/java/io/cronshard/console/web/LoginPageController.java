package io.cronshard.console.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * The console's login page (Spring Security's form login posts to {@code /login} and redirects back here with
 * {@code ?error}, {@code ?locked} or {@code ?logout}). Rendered on the server for the form's CSRF token; no script.
 */
@Controller
public class LoginPageController {

    @GetMapping("/login")
    ResponseEntity<String> login(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String notice = "";
        if (request.getParameter("error") != null) {
            notice = "<p id=\"login-error\" class=\"message error\">Wrong user name or password.</p>";
        } else if (request.getParameter("locked") != null) {
            notice = "<p id=\"login-locked\" class=\"message error\">Too many failed logins: this user or address is refused for a while. "
                    + "Try again later.</p>";
        } else if (request.getParameter("logout") != null) {
            notice = "<p id=\"login-logout\" class=\"message info\">You are logged out.</p>";
        }
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Log in · Cronshard console</title>
                  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
                  <link rel="stylesheet" href="/style.css">
                </head>
                <body class="login-page">
                <main class="login">
                  <h1 class="login-brand">Cronshard <small>console</small></h1>
                  <p class="hint">Distributed, sharded cron jobs: log in to see and operate them.</p>
                  %s
                  <form method="post" action="/login" class="login-form">
                    <label for="username">User</label>
                    <input id="username" name="username" autocomplete="username" required autofocus>
                    <label for="password">Password</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required>
                    %s
                    <button type="submit" class="primary">Log in</button>
                  </form>
                </main>
                </body>
                </html>
                """.formatted(notice, csrf == null ? "" : "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(csrf.getParameterName())
                + "\" value=\"" + HtmlUtils.htmlEscape(csrf.getToken()) + "\">");
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).header("Cache-Control", "no-store").body(html);
    }
}
