import { expect } from "chai";
import * as path from "path";
import * as ts from "@tslab/typescript-for-tslab";
import { limitAutomaticTypes } from "./type-roots";

describe("kernel: automatic @types", () => {
  const types = path.join(__dirname, "..", "node_modules", "@types");

  it("an @types folder lists only the Node.js declarations; other folders are unchanged", () => {
    const sys = { getDirectories: (p: string) => ts.sys.getDirectories(p) };
    expect(sys.getDirectories(types)).to.include.members(["node", "mocha"]);
    limitAutomaticTypes(sys);
    expect(sys.getDirectories(types)).to.deep.equal(["node"]);
    expect(sys.getDirectories(types + path.sep)).to.deep.equal(["node"]);
    expect(sys.getDirectories(path.join(__dirname, ".."))).to.include.members(["lib", "kernel"]);
  });

  it("a program built with the narrowed lister has Node's declarations and not mocha's", () => {
    const sys = Object.create(ts.sys) as typeof ts.sys;
    limitAutomaticTypes(sys);
    const names = ts.getAutomaticTypeDirectiveNames({ typeRoots: [types] }, sys);
    expect(names).to.deep.equal(["node"]);
  });
});
