#!/usr/bin/env bash
# Runs once when Gradescope builds the autograder image (Ubuntu): installs Node.js 20 and the project's packages
# exactly as locked in package-lock.json. Install scripts are skipped: grading needs no Jupyter kernel.
set -euo pipefail
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl gnupg util-linux
curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
apt-get install -y --no-install-recommends nodejs
cd /autograder/source
npm ci --ignore-scripts --no-audit --no-fund
