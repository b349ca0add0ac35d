# Builds the analysis worker's view and starts the worker in it. UnshareConfinement runs this with
#   setpriv --pdeathsig KILL -- unshare [--user --map-root-user] --mount --pid --net --ipc --uts
#       --fork --kill-child=KILL --propagation private -- /bin/sh -c <this script> fcr-sandbox ARGS
# so it runs as root of new namespaces: real root, or this user mapped to root of a new user
# namespace. Every argument is chosen by the analyzer (paths of the work directory, the Java home,
# the host's tools), never taken from the JAR, and every expansion is quoted.
#   $1 fstab   the mounts, in order: the new root (read-only), /proc, the /tmp tmpfs, the binds
#   $2 root    the new root: an empty skeleton directory of mountpoints under the work directory
#   $3 mount   $4 pivot_root   $5 umount   $6 prlimit   $7 chown   (absolute host paths)
#   $8 user    the host user the worker runs as, or - to stay this one (not root)
#   $9..$12    prlimit's options: --nproc=N --fsize=BYTES --cpu=SOFT:HARD --as=BYTES
#   then the command that runs the worker (setpriv ... java ...), which must exist inside the root.
set -eu
fstab=$1 root=$2 mount=$3 pivot_root=$4 umount=$5 prlimit=$6 chown=$7 user=$8
"$mount" --all --fstab "$fstab"
# The limits are set on this shell, which the worker replaces: after the user namespace exists,
# so that RLIMIT_NPROC counts the worker's tasks there, not every task of the server's user.
"$prlimit" --pid "$$" "$9" "${10}" "${11}" "${12}"
shift 12
# The event pipe belongs to the server's user; the worker opens it again as /dev/fd/3.
if [ "$user" != - ]; then
    "$chown" "$user:$user" /proc/self/fd/1
fi
cd "$root"
# The host's root leaves the mount namespace: nothing but the skeleton's mounts remains reachable.
"$pivot_root" . .old
"/.old$umount" --lazy /.old
cd /tmp
# cd exported the skeleton's host path in OLDPWD: the worker's environment holds nothing of the host.
unset OLDPWD PWD
# Events go to the launcher on fd 3; whatever the JAR's code prints on fd 1 and 2 is only log text.
exec 3>&1 1>&2
exec "$@"
