# Production image: the official Odoo 18.0 image with the suite's addons and the extra
# Python dependencies they need (everything else ships with the image). No secret is
# baked in: docker/entrypoint.sh writes the configuration Odoo starts with from the
# shipped odoo.conf (database manager off, proxy mode on) and the environment (PostgreSQL
# connection, master password; generated at first start and printed once when unset).
FROM odoo:18.0

USER root
COPY requirements-docker.txt /tmp/requirements-docker.txt
RUN pip3 install --no-cache-dir --break-system-packages -r /tmp/requirements-docker.txt
COPY requirements-oca.txt /tmp/requirements-oca.txt
RUN pip3 install --no-cache-dir --break-system-packages --no-deps -r /tmp/requirements-oca.txt
COPY --chown=odoo:odoo addons /mnt/extra-addons
COPY odoo.conf /etc/odoo/odoo.conf
COPY docker/odoo_conf.py /usr/local/lib/micro/odoo_conf.py
COPY scripts/first_company.py /usr/local/lib/micro/first_company.py
COPY docker/entrypoint.sh /usr/local/bin/micro-entrypoint.sh
RUN chmod 0644 /etc/odoo/odoo.conf /usr/local/lib/micro/odoo_conf.py \
        /usr/local/lib/micro/first_company.py \
    && chmod 0755 /usr/local/bin/micro-entrypoint.sh
ENV ODOO_RC=/var/lib/odoo/odoo.conf \
    ODOO_INIT_ADDONS=micro_base,micro_base_account,md_micronegocios,pronafim_credit,fonaes_support
USER odoo
ENTRYPOINT ["/usr/local/bin/micro-entrypoint.sh"]
CMD ["odoo"]
