#!/usr/bin/env bash
# Regenerates the compiled EF Core model in this folder after an entity or its configuration changed (a migration
# added): bash src/Blog.Web/Data/CompiledModel/regenerate.sh   (CompiledModelTests fails until it has run).
#
# The model is generated into a scratch folder and then replaces the generated files here, so an entity that was
# removed leaves no file behind. Two files are ours and kept: CompiledModelOptions.cs and this script. The generated
# assembly attribute is dropped: it would hand this SQLite model to every provider; CompiledModelOptions uses it for
# SQLite only.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

cd "$root"
dotnet tool restore >/dev/null
dotnet ef dbcontext optimize --project src/Blog.Web --context BlogDbContext \
  --output-dir "$scratch" --namespace Blog.Web.Data.CompiledModel
rm -f "$scratch/BlogDbContextAssemblyAttributes.cs"
find "$here" -maxdepth 1 -name '*.cs' ! -name CompiledModelOptions.cs -delete
cp "$scratch"/*.cs "$here/"
echo "Compiled model regenerated in ${here#"$root"/}."
