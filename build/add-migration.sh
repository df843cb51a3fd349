#!/usr/bin/env bash
# Adds an EF Core migration named <Name> for every database provider of the web app (SQLite and PostgreSQL).
#
#   build/add-migration.sh <Name>          e.g.  build/add-migration.sh Jobs
#
# When: after any change to the stored model (an entity class in StyleGallery.Data, a DbSet, or
# StyleGalleryDb.OnModelCreating). Each provider has its own context type deriving from StyleGalleryDb and its own
# migrations (EF Core's "migrations with multiple providers"), so one model change needs one migration per provider,
# both with the same name:
#   StyleGallery.Data/Migrations/Sqlite/<timestamp>_<Name>.cs     for SqliteStyleGalleryDb
#   StyleGallery.Data/Migrations/Postgres/<timestamp>_<Name>.cs   for PostgresStyleGalleryDb
# and each folder's model snapshot is updated. No database is needed: the design-time factories in
# StyleGallery.Data/DesignTime build the model without starting the app. dotnet-ef comes from the local tool
# manifest (.config/dotnet-tools.json); the script restores it.
#
# What it does: builds StyleGallery.Data (Release), adds the migration for each provider, builds again, and checks
# that neither provider has model changes left without a migration. If any step fails, both migration folders are
# put back exactly as they were, so a failed run leaves nothing half-made; fix the cause and run it again.
#
# Afterwards: read both new migrations (a renamed property comes out as drop + add; edit it into a RenameColumn so
# no data is lost), run the data tests on both providers
#   GLIBC_TUNABLES=glibc.malloc.hugetlb=1 dotnet test StyleGallery.Tests -c Release --filter "FullyQualifiedName~StyleGallery.Tests.Web.Data"
# and commit the new and changed files under StyleGallery.Data/Migrations. The app applies them at its next start.
# To take back a migration that is not committed yet: git checkout/git clean StyleGallery.Data/Migrations.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: build/add-migration.sh <Name>   (letters and digits, starting with a capital, e.g. Jobs)" >&2; exit 2; }
[ $# -eq 1 ] || usage
name=$1
[[ $name =~ ^[A-Z][A-Za-z0-9]*$ ]] || usage

migrations=StyleGallery.Data/Migrations
# provider context : folder under $migrations
providers=("SqliteStyleGalleryDb:Sqlite" "PostgresStyleGalleryDb:Postgres")

for entry in "${providers[@]}"; do
  folder=$migrations/${entry#*:}
  if compgen -G "$folder/*_${name}.cs" >/dev/null; then
    echo "A migration named $name already exists in $folder; pick another name." >&2
    exit 1
  fi
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null

backup=$(mktemp -d)
mkdir -p "$migrations"
cp -a "$migrations/." "$backup/"
done=false
# On any exit before the end (a failed step, Ctrl+C), put the migrations back as they were.
finish() {
  if [ "$done" != true ]; then
    echo "add-migration: stopped before the end; putting $migrations back as it was." >&2
    rm -rf "$migrations"
    mkdir -p "$migrations"
    cp -a "$backup/." "$migrations/"
  fi
  rm -rf "$backup"
}
trap finish EXIT

ef() { dotnet ef "$@" --project StyleGallery.Data --startup-project StyleGallery.Data --configuration Release --no-build; }

echo "Building StyleGallery.Data ..."
dotnet build StyleGallery.Data -c Release -v quiet -nologo

if ef migrations has-pending-model-changes --context "${providers[0]%%:*}" >/dev/null 2>&1; then
  echo "Note: the model has not changed since the last migration, so $name will be empty (fine for hand-written SQL)." >&2
fi

for entry in "${providers[@]}"; do
  context=${entry%%:*} folder=${entry#*:}
  echo "Adding $name for $context ..."
  # No --namespace: the output folder gives StyleGallery.Data.Migrations.<folder>, and with --namespace
  # dotnet-ef 10 writes the model snapshot to a folder named after the namespace instead of the output folder.
  ef migrations add "$name" --context "$context" --output-dir "Migrations/$folder"
  for expected in "$migrations/$folder/"*"_$name.cs" "$migrations/$folder/${context}ModelSnapshot.cs"; do
    [ -f "$expected" ] || { echo "add-migration: dotnet ef did not write $expected" >&2; false; }
  done
done

echo "Building with the new migrations ..."
dotnet build StyleGallery.Data -c Release -v quiet -nologo
for entry in "${providers[@]}"; do
  context=${entry%%:*}
  ef migrations has-pending-model-changes --context "$context"
done

done=true
echo "Added $name for every provider:"
git status --short -- "$migrations"
