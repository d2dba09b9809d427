# Production image: the official Odoo 18.0 image with the suite's addons and the extra
# Python dependencies they need (everything else ships with the image).
FROM odoo:18.0

USER root
COPY requirements-docker.txt /tmp/requirements-docker.txt
RUN pip3 install --no-cache-dir --break-system-packages -r /tmp/requirements-docker.txt
COPY --chown=odoo:odoo addons /mnt/extra-addons
COPY odoo.conf /etc/odoo/odoo.conf
USER odoo
