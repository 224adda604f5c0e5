"""JupyterHub 3 configuration: the course for a class on one machine.

    sudo jupyterhub -f hub/jupyterhub_config.py            (from a state folder, e.g. /var/lib/nn-course-hub)

- Students log in with a Unix account (PAM). An instructor adds students on the hub's admin page or through its
  REST API; the hub creates their Unix accounts (adduser) when they do not exist.
- Each student's server is a local process (LocalProcessSpawner) running as that student, in their own home folder,
  mode 0700: nobody else's code can read their work.
- On first start a student gets their own copy of the course in ~/nn-course: notebooks/ and exercises/ copied (theirs
  to edit), lib/ and node_modules/ linked to the one installed course (read-only for them). The course kernel
  "TypeScript (NN course)" is the default kernel of every server, and its exercise loader reads the student's own
  ~/nn-course/exercises (NN_COURSE_IMPL).

The hub runs as root (it starts processes as other users). Settings from the environment (all optional):
  NN_HUB_URL           where the hub listens (default http://127.0.0.1:8000; put TLS in front for a real class)
  NN_HUB_STATE         folder for the hub's database, cookie secret and proxy pid (default: the current folder)
  NN_HUB_ADMINS        comma-separated admin user names (instructors)
  NN_HUB_ADMIN_TOKEN   an API token for the "course-admin" service (scripts that add students or run checks)
  NN_HUB_IDLE_SECONDS  idle single-user servers are stopped after this many seconds (default 3600)
"""
import os
import pwd
import shutil
from pathlib import Path

COURSE = Path(__file__).resolve().parent.parent
KERNEL = "nn-course"

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

state = Path(os.environ.get("NN_HUB_STATE", os.getcwd()))
c.JupyterHub.bind_url = os.environ.get("NN_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
# Debian's configurable-http-proxy keeps its modules in /usr/share/nodejs, which only Debian's own Node.js searches:
# with another Node.js (the course needs ≥ 20.19) the proxy needs that folder on NODE_PATH. The proxy inherits the
# hub's environment.
if os.path.isdir("/usr/share/nodejs"):
    os.environ["NODE_PATH"] = os.pathsep.join(p for p in (os.environ.get("NODE_PATH"), "/usr/share/nodejs") if p)

# --- who may log in: Unix accounts, created for the students an instructor adds
c.JupyterHub.authenticator_class = "pam"
c.LocalAuthenticator.create_system_users = True
c.Authenticator.admin_users = {u for u in os.environ.get("NN_HUB_ADMINS", "").split(",") if u}

token = os.environ.get("NN_HUB_ADMIN_TOKEN")
if token:
    c.JupyterHub.services = [{"name": "course-admin", "api_token": token}]
    c.JupyterHub.load_roles = [
        {
            "name": "course-admin",
            "description": "add students, start and stop their servers, issue their tokens",
            "scopes": ["admin:users", "admin:servers", "tokens"],
            "services": ["course-admin"],
        }
    ]


# --- each student's server: a local process as that student, in their own copy of the course
def course_folder(spawner) -> Path:
    return Path(pwd.getpwnam(spawner.user.name).pw_dir) / "nn-course"


def give_course_copy(spawner) -> None:
    """Before a student's first server: ~/nn-course with their own notebooks and exercises, owned by them."""
    user = pwd.getpwnam(spawner.user.name)
    home = Path(user.pw_dir)
    home.chmod(0o700)  # a student's files are theirs alone
    folder = course_folder(spawner)
    for part in ("notebooks", "exercises"):
        if not (folder / part).exists():
            shutil.copytree(COURSE / part, folder / part)
    for part in ("lib", "node_modules"):  # the installed course, shared and read-only
        if not (folder / part).exists():
            (folder / part).symlink_to(COURSE / part)
    for root, dirs, files in os.walk(folder):
        for name in [root, *(os.path.join(root, d) for d in dirs), *(os.path.join(root, f) for f in files)]:
            os.lchown(name, user.pw_uid, user.pw_gid)
    folder.chmod(0o700)


c.Spawner.pre_spawn_hook = give_course_copy
c.Spawner.notebook_dir = "~/nn-course"
c.Spawner.default_url = "/tree/notebooks"
c.Spawner.environment = {
    # the course kernelspec, for every student
    "JUPYTER_PATH": str(COURSE / ".jupyter"),
    # the exercise loader reads the student's own exercises
    "NN_COURSE_IMPL": lambda spawner: str(course_folder(spawner) / "exercises"),
}
c.Spawner.args = [f"--MappingKernelManager.default_kernel_name={KERNEL}"]
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 120

# idle servers are stopped (jupyterhub-idle-culler is not packaged for Debian: the servers stop themselves)
idle = int(os.environ.get("NN_HUB_IDLE_SECONDS", "3600"))
c.Spawner.args += [
    f"--NotebookApp.shutdown_no_activity_timeout={idle}",
    f"--MappingKernelManager.cull_idle_timeout={idle}",
    "--MappingKernelManager.cull_interval=300",
]
