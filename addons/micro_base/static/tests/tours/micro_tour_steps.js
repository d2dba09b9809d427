// Tour steps shared by the suite's tours.

/**
 * The steps that log a user in from /web/login: login, password, submit.
 * The suite's test users have their login as password (``new_test_user``).
 *
 * @param {string} login
 * @param {string} [password=login]
 * @returns {Object[]} tour steps
 */
export function loginSteps(login, password = login) {
    return [
        {
            content: "The login page",
            trigger: "form.oe_login_form input[name=login]",
            run: `edit ${login}`,
        },
        {
            content: "Password",
            trigger: "form.oe_login_form input[name=password]",
            run: `edit ${password}`,
        },
        { content: "Log in", trigger: "form.oe_login_form button[type=submit]", run: "click" },
    ];
}

/**
 * A step that saves the screen as the user sees it (``MicroScreensMixin``: the PNG goes
 * to ``.odoo/screens/<TestClass>/<name>.png``) once ``trigger`` shows.
 *
 * @param {string} name
 * @param {string} [trigger] by default, the page with nothing loading
 * @returns {Object} a tour step
 */
export function screenStep(name, trigger = "body:not(:has(.o_loading_indicator))") {
    return {
        content: `Screenshot ${name}`,
        trigger,
        run() {
            console.log(`micro-screen:${name}`);
        },
    };
}
